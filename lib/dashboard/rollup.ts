// The call rollups (agent_day_stat, agent_lead_day) are kept off the call's own transaction: the
// call trigger records each change and crm_fold_call_stats() folds them in (prisma/functions/
// crm_call_stats.sql). Every reader folds first, so what it reads includes every committed call change.
import "server-only";
import { db as defaultDb } from "../db";

type Db = Pick<typeof defaultDb, "$queryRaw">;

/** Folds the call changes not yet in the rollups; returns how many call parts that made (0: none waited). */
export async function foldCallStats(db: Db = defaultDb): Promise<number> {
  const [row] = await db.$queryRaw<{ parts: number }[]>`SELECT crm_fold_call_stats() AS parts`;
  return row?.parts ?? 0;
}
