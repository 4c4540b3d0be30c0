import "server-only";
import type { DatabaseTarget } from "./client";
import { assertPostgresReachable, openDatabase } from "./client";
import { applyMigrations } from "./schema-engine";

/** Applies pending committed migrations to the target; returns the names applied. */
/** Another instance migrating holds Prisma's advisory lock; its engine gives up after 10 s (P1002). */
const isLockTimeout = (error: unknown) => (error as { code?: string }).code === "P1002" && /advisory lock/i.test(String(error));

export async function migrateDatabase(target: DatabaseTarget, { lockAttempts = 12 } = {}): Promise<string[]> {
  if ("databaseUrl" in target) await assertPostgresReachable(target.databaseUrl);
  for (let attempt = 1; ; attempt++) {
    const handle = openDatabase(target);
    try {
      return await applyMigrations(handle.adapterFactory);
    } catch (error) {
      // Several app servers starting together: wait for the one migrating, then find nothing to do.
      if (!isLockTimeout(error) || attempt >= lockAttempts) throw error;
      console.warn(`Another instance is migrating the database; waiting (attempt ${attempt} of ${lockAttempts})…`);
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await handle.close();
    }
  }
}
