import "server-only";
import { db } from "../db";
import { BACKLOG_MINUTES } from "./stream";

/** Drops live stream events older than the backlog; returns how many. */
export async function pruneLiveEvents(): Promise<number> {
  const { count } = await db.liveEvent.deleteMany({ where: { at: { lt: new Date(Date.now() - BACKLOG_MINUTES * 60_000) } } });
  return count;
}
