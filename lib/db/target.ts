import "server-only";
import { env } from "../env";
import type { DatabaseTarget } from "./client";

export function databaseTarget(): DatabaseTarget {
  return env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR };
}
