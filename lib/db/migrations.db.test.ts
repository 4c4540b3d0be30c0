// Migrations a deployer can trust: applied the standard way (each migration.sql in order, as
// `prisma migrate deploy` does) on an empty database, they build the same functions, triggers,
// indexes and constraints as `npm run db:migrate` (which built this worker's database); and no
// function file has changed without a migration carrying it.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { functionsNotInMigrations, readDatabaseFunctions, readMigrations } from "./migration-files";

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** What the migrations define, as comparable text (the migration history table aside). */
async function catalog(query: Query) {
  const rows = async (sql: string) => (await query(sql)).map((r) => Object.values(r).join(" | ")).sort();
  return {
    functions: await rows(`SELECT p.proname, pg_get_function_identity_arguments(p.oid), md5(p.prosrc)
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()`),
    triggers: await rows(`SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT t.tgisinternal`),
    indexes: await rows(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
    ),
    constraints:
      await rows(`SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      JOIN pg_class t ON t.oid = c.conrelid WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations'`),
  };
}

/** An empty database of the run's kind, and a way to run scripts and queries on it. */
async function emptyDatabase(): Promise<{ script: (sql: string) => Promise<void>; query: Query; close: () => Promise<void> }> {
  if (process.env.TEST_DB_KIND === "postgres") {
    const base = new URL(process.env.TEST_DATABASE_URL!);
    const name = `crm_test_deploy_${process.pid}`;
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
    base.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: base.toString() });
    await client.connect();
    return {
      script: async (sql) => void (await client.query(sql)), // simple protocol: the whole script, as the CLI sends it
      query: async (sql) => (await client.query(sql)).rows,
      close: async () => {
        await client.end();
        await admin.query(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  const pglite = new PGlite({ extensions: { pg_trgm } });
  return {
    script: async (sql) => void (await pglite.exec(sql)),
    query: async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows,
    close: () => pglite.close(),
  };
}

describe("migrations", () => {
  it("applied one by one on an empty database, build what npm run db:migrate builds, every function included", async () => {
    const fresh = await emptyDatabase();
    try {
      for (const m of (await readMigrations()).migrationDirectories) {
        await fresh.script(m.migrationFile.content.value).catch((error: Error) => {
          throw new Error(`${m.path}: ${error.message}`);
        });
      }
      const deployed = await catalog(fresh.query);
      const migrated = await catalog((sql) => db.$queryRawUnsafe<Record<string, unknown>[]>(sql));
      expect(deployed).toEqual(migrated);
      const names = new Set(deployed.functions.map((f) => f.split(" | ")[0]));
      for (const file of await readDatabaseFunctions()) for (const fn of file.functions) expect(names, `${file.name}: ${fn}`).toContain(fn);
      expect(deployed.triggers.length).toBeGreaterThanOrEqual(8);
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it("carry every change to prisma/functions (else: npm run db:migrate:new -- <name>)", async () => {
    expect((await functionsNotInMigrations()).map((f) => f.name)).toEqual([]);
  });
});
