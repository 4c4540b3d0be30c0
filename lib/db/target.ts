import "server-only";
import { env, isOn } from "../env";
import type { DatabaseTarget } from "./client";
import { runningServerUrl } from "./embedded/lock";

/**
 * PostgreSQL when DATABASE_URL is set (with named statements unless turned off); else the embedded
 * database, whose one backend serves every client (named statements would collide there).
 * Else the embedded database: through its server when one runs (`npm run dev`). */
export function databaseTarget(): DatabaseTarget {
  if (env.DATABASE_URL)
    return {
      databaseUrl: env.DATABASE_URL,
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS === undefined || isOn(env.DATABASE_PREPARED_STATEMENTS),
    };
  const url = runningServerUrl(env.PGLITE_DIR);
  return url ? { databaseUrl: url } : { pgliteDir: env.PGLITE_DIR };
}
