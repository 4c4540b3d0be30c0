// The process-wide Prisma client. PGlite is one process, one connection: open it once, and only
// when first used (never while `next build` collects pages). Tests install their own handle on
// globalThis before anything touches the database.
import type { DatabaseHandle, Db } from "./db/client";
import { openDatabase } from "./db/client";
import { databaseTarget } from "./db/target";

export type { Db } from "./db/client";

const globalForDb = globalThis as typeof globalThis & { __crmDatabase?: DatabaseHandle };

export function database(): DatabaseHandle {
  globalForDb.__crmDatabase ??= openDatabase(databaseTarget());
  return globalForDb.__crmDatabase;
}

export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const client = database().db;
    const value: unknown = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
