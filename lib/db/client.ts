// Creates Prisma clients on the embedded PGlite or on a PostgreSQL server.
import "server-only";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import { lockDataDir } from "./embedded/lock";

export type Db = PrismaClient;

/** preparedStatements: a PostgreSQL server whose connections are each their own backend (not the embedded one's, not a pooler's). */
export type DatabaseTarget = { databaseUrl: string; preparedStatements?: boolean } | { pgliteDir: string };

/** How a hot statement asks to be prepared once per connection: planned once, then only bound and run. */
export interface QueryOptions {
  prepare?: boolean;
}

export interface DatabaseHandle {
  db: PrismaClient;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  kind: "postgres" | "pglite";
  /** The PostgreSQL server's URL (kind "postgres"): for connections of their own (job queue, LISTEN). */
  databaseUrl?: string;
  /** The embedded database (kind "pglite"): the one connection everything in this process shares. */
  pglite?: PGlite;
  /**
   * One statement with bound values ($1…), and its rows as the driver parses them. On PostgreSQL it
   * goes straight to the pool Prisma uses, past Prisma's query path: for the hottest statements (a
   * webhook delivery is one) where that path costs more than the statement. In-process PGlite keeps
   * Prisma's, which orders it with Prisma's transactions on the one connection. Times read and
   * written as Prisma does (timestamp columns hold UTC). `prepare`: a named statement (its name the
   * text's hash), parsed and planned once per connection, for a statement whose planning costs more
   * than its run (click-to-call's read: 0.9 ms of planning, 0.5 ms to run). Only where the target
   * allows it (preparedStatements); else unnamed: the embedded database's server is one backend for
   * every client (and a pooler may be one too), where a statement prepared by one connection would
   * collide with the next's.
   */
  query<T>(text: string, values: unknown[], options?: QueryOptions): Promise<T[]>;
  close(): Promise<void>;
}

/** `timestamp` (without time zone) columns hold UTC, as Prisma reads and writes them; pg alone would read local time. */
const utcTimestamps = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.TIMESTAMP && format !== "binary"
      ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
const names = new Map<string, string>();
/** A statement's name from its text: the same text, the same name on every connection; another text, another name. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `crm_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    if (names.size < 1_000) names.set(text, name);
  }
  return name;
}
const asUtc = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/**
 * How long a transaction may wait for a connection before failing (Prisma's default is 2 s). The
 * embedded database serves one connection at a time, so under a burst (a busy floor, a background
 * job beside page loads) a transaction can queue for longer than that; it should wait, not fail.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000 };

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  if ("databaseUrl" in target) {
    const pool = new pg.Pool({ connectionString: target.databaseUrl });
    // The pool outlives a $disconnect (Prisma connects again on its next query): close() ends it.
    const adapterFactory = new PrismaPg(pool);
    const db = new PrismaClient({ adapter: adapterFactory, transactionOptions: TRANSACTION_OPTIONS });
    return {
      db,
      adapterFactory,
      kind: "postgres",
      databaseUrl: target.databaseUrl,
      query: async <T>(text: string, values: unknown[], options?: QueryOptions) =>
        (
          await pool.query({
            text,
            values: values.map(asUtc),
            types: utcTimestamps,
            name: options?.prepare && target.preparedStatements ? statementName(text) : undefined,
          })
        ).rows as T[],
      close: async () => {
        await db.$disconnect();
        await pool.end().catch(() => {});
      },
    };
  }
  // In-process PGlite: tests (in memory) and one-off scripts. The app itself reaches a folder's
  // database through its own process (lib/db/embedded), never by opening the folder.
  const dir = target.pgliteDir;
  const inMemory = dir.startsWith("memory://");
  const unlock = inMemory ? () => {} : lockDataDir(dir);
  if (!inMemory) mkdirSync(path.resolve(dir), { recursive: true });
  // pg_trgm backs the lead search indexes (name, email, phone digits anywhere).
  const pglite = new PGlite(dir, { extensions: { pg_trgm } });
  const adapterFactory = new PrismaPGlite(pglite);
  const db = new PrismaClient({ adapter: adapterFactory, transactionOptions: TRANSACTION_OPTIONS });
  return {
    db,
    adapterFactory,
    kind: "pglite",
    pglite,
    query: <T>(text: string, values: unknown[]) => db.$queryRawUnsafe<T[]>(text, ...values),
    close: async () => {
      try {
        await db.$disconnect();
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

/** The schema engine only says "External error id#0" when it cannot connect: check first. */
export async function assertPostgresReachable(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    const safeUrl = databaseUrl.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, "//$1:***@");
    throw new Error(`Cannot connect to PostgreSQL at ${safeUrl}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}
