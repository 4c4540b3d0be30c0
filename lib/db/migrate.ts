import "server-only";
import type { DatabaseTarget } from "./client";
import { assertPostgresReachable, openDatabase } from "./client";
import { applyMigrations } from "./schema-engine";

/** Applies pending committed migrations to the target; returns the names applied. */
export async function migrateDatabase(target: DatabaseTarget): Promise<string[]> {
  if ("databaseUrl" in target) await assertPostgresReachable(target.databaseUrl);
  const handle = openDatabase(target);
  try {
    return await applyMigrations(handle.adapterFactory);
  } finally {
    await handle.close();
  }
}
