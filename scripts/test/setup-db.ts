// Gives each test worker its own migrated database before any test touches `db`:
// an in-memory PGlite, or a fresh database on the PostgreSQL server of TEST_DATABASE_URL.
import pg from "pg";
import { ALL_DAY_CALLING_HOURS } from "../../lib/compliance/hours";
import type { DatabaseHandle } from "../../lib/db/client";
import { openDatabase } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/schema-engine";

const g = globalThis as typeof globalThis & { __crmDatabase?: DatabaseHandle; __crmDatabaseReady?: Promise<void> };

async function createPostgresDatabase(): Promise<string> {
  const base = new URL(process.env.TEST_DATABASE_URL!);
  const name = `crm_test_${process.env.VITEST_POOL_ID ?? "0"}_${process.pid}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  base.pathname = `/${name}`;
  return base.toString();
}

g.__crmDatabaseReady ??= (async () => {
  const handle =
    process.env.TEST_DB_KIND === "postgres"
      ? openDatabase({ databaseUrl: await createPostgresDatabase(), preparedStatements: true })
      : openDatabase({ pgliteDir: "memory://" });
  await applyMigrations(handle.adapterFactory);
  g.__crmDatabase = handle;
  // Tests place calls at any hour of the day; the calling-hours tests set their own window.
  const { db } = await import("../../lib/db");
  await db.appSetting.create({ data: { key: "compliance", value: { callingHours: ALL_DAY_CALLING_HOURS } } });
})();

await g.__crmDatabaseReady;
