// The process-wide Prisma client. PGlite is one process, one connection: open it once, and only
// when first used (never while `next build` collects pages). Tests install their own handle on
// globalThis before anything touches the database.
import "server-only";
import type { DatabaseHandle, Db } from "./client";
import { openDatabase } from "./client";
import { databaseTarget } from "./target";

export type { Db } from "./client";

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
