// "Sync calls": pulls Smartflo's call detail records for a range, page by page, and fills in the
// calls whose webhooks never arrived. Idempotent: a second run over the same range changes nothing.
import "server-only";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { applyCallEvent } from "../calls/apply-event";
import { db } from "../db";
import { isUniqueViolation, notFound, validationError } from "../errors";
import { startOfIstDay } from "../time/india";
import { smartflo } from ".";
import { formatIstStamp } from "./time";
import { flattenPayload, normalizeWebhook } from "./webhook-payload";

const PAGE_SIZE = 100;
const MAX_RANGE_DAYS = 31;

export interface ReconcileProgress {
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  unmatched: number;
}

/** Applies one call record; says whether it created, changed or left the call alone. */
async function applyRecord(record: Record<string, unknown>): Promise<"created" | "updated" | "unchanged" | "unmatched"> {
  const event = normalizeWebhook(flattenPayload(record));
  const key = (c: { status: string; talkSeconds: number | null; recordingUrl: string | null; endedAt: Date | null } | null) =>
    c ? JSON.stringify([c.status, c.talkSeconds, c.recordingUrl, c.endedAt?.getTime()]) : null;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const before = event.callId ? await tx.call.findUnique({ where: { providerCallId: event.callId } }) : null;
        const result = await applyCallEvent(tx, event);
        if (result.outcome === "UNMATCHED") return "unmatched";
        if (!before) return "created";
        const after = await tx.call.findUnique({ where: { id: result.callId } });
        return key(before) === key(after) ? "unchanged" : "updated";
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

export async function reconcileRange(
  from: Date,
  to: Date,
  onProgress?: (p: ReconcileProgress) => Promise<void> | void,
): Promise<ReconcileProgress> {
  const progress: ReconcileProgress = { total: null, processed: 0, created: 0, updated: 0, unmatched: 0 };
  const client = smartflo();
  for (let page = 1; ; page++) {
    const res = await client.callRecords({ fromDate: formatIstStamp(from), toDate: formatIstStamp(to), page, limit: PAGE_SIZE });
    progress.total = res.count;
    for (const record of res.results) {
      const outcome = await applyRecord(record);
      progress.processed++;
      if (outcome === "created") progress.created++;
      else if (outcome === "updated") progress.updated++;
      else if (outcome === "unmatched") progress.unmatched++;
    }
    await onProgress?.(progress);
    if (res.results.length < PAGE_SIZE || progress.processed >= res.count) return progress;
  }
}

export function parseRange(input: { from?: unknown; to?: unknown }) {
  const from = new Date(String(input.from ?? ""));
  const to = input.to ? new Date(String(input.to)) : new Date();
  if (Number.isNaN(from.getTime())) throw validationError({ from: "must be a date" });
  if (Number.isNaN(to.getTime())) throw validationError({ to: "must be a date" });
  if (from >= to) throw validationError({ from: "must be before to" });
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86400_000)
    throw validationError({ from: `the range may span at most ${MAX_RANGE_DAYS} days` });
  return { from, to };
}

export async function startReconcile({ actor, range }: { actor: Actor; range: { from?: unknown; to?: unknown } }) {
  assertRole(actor, ["ADMIN"]);
  const { from, to } = parseRange(range);
  return db.reconcileRun.create({ data: { fromDate: from, toDate: to, actorId: actor.id } });
}

/** Runs a recorded run to the end, saving progress after every page. */
export async function runReconcile(runId: string) {
  const run = await db.reconcileRun.findUniqueOrThrow({ where: { id: runId } });
  try {
    const result = await reconcileRange(run.fromDate, run.toDate, (p) =>
      db.reconcileRun
        .update({
          where: { id: runId },
          data: { total: p.total, processed: p.processed, created: p.created, updated: p.updated, unmatched: p.unmatched },
        })
        .then(() => {}),
    );
    await db.reconcileRun.update({ where: { id: runId }, data: { status: "DONE", total: result.total, finishedAt: new Date() } });
  } catch (error) {
    await db.reconcileRun.update({
      where: { id: runId },
      data: { status: "FAILED", error: (error as Error).message.slice(0, 500), finishedAt: new Date() },
    });
  }
}

/** The nightly run (no actor): yesterday's calls, India time, midnight to midnight. */
export async function runNightlyReconcile(now = new Date()) {
  const today = startOfIstDay(now);
  const run = await db.reconcileRun.create({ data: { fromDate: new Date(today.getTime() - 86_400_000), toDate: today, actorId: null } });
  await runReconcile(run.id);
  return db.reconcileRun.findUniqueOrThrow({ where: { id: run.id } });
}

export async function getReconcileRun({ actor, id }: { actor: Actor; id: string }) {
  assertRole(actor, ["ADMIN"]);
  const run = await db.reconcileRun.findUnique({ where: { id } });
  if (!run) throw notFound("Sync run");
  return run;
}
