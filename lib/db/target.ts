import "server-only";
import { env } from "../env";
import type { DatabaseTarget } from "./client";
import { runningServerUrl } from "./embedded/lock";

/** PostgreSQL when DATABASE_URL is set; else the embedded database: through its server when one runs (`npm run dev`). */
export function databaseTarget(): DatabaseTarget {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  const url = runningServerUrl(env.PGLITE_DIR);
  return url ? { databaseUrl: url } : { pgliteDir: env.PGLITE_DIR };
}
