import "server-only";
import { env, isOn } from "../env";
import type { DatabaseTarget } from "./client";
import { runningServerUrl } from "./embedded/lock";

/**
 * PostgreSQL when DATABASE_URL is set, with prepared statements unless turned off or the URL is the
 * embedded database's server; else the embedded database: through its server when one runs (`npm run dev`).
 */
export function databaseTarget(): DatabaseTarget {
  if (env.DATABASE_URL)
    return {
      databaseUrl: env.DATABASE_URL,
      // Off for the embedded database's server (scripts/with-database.ts sets it to 0: one backend for every connection).
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS === undefined || isOn(env.DATABASE_PREPARED_STATEMENTS),
    };
  const url = runningServerUrl(env.PGLITE_DIR);
  return url ? { databaseUrl: url } : { pgliteDir: env.PGLITE_DIR };
}
