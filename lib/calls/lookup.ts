// Smartflo's id for a call we started. Async click-to-call answers without a call_id, and Hang up
// needs one: until a webhook brings it, the call is looked up in /live_calls. With the job queue, one
// sweep a second does it for every such call on the floor (lookupSweep: the calls started in the last
// LOOKUP_FOR_SECONDS, still live, still without an id; one /live_calls request per agent number),
// run once at a time across app servers (a stately queue, lib/jobs/index.ts). Starting a call queues
// nothing: the click's path has no job to write. A process without the queue (tests, scripts) looks
// its own calls up, a step a second. The page's GET /api/v1/calls/:id only reads; Hang up, which
// needs the id at once, asks on demand (lib/calls/provider-call-id.ts).
import "server-only";
import { db } from "../db";
import { runningJobQueue } from "../jobs/queue";
import { logger } from "../log";
import { smartflo, smartfloConfigured } from "../smartflo";
import { recordLiveMatch, resolveProviderCallId } from "./provider-call-id";
import { ACTIVE_CALL_STATUSES, isActiveCallStatus } from "./status";

/** How long after it starts a call is looked up: long enough for Smartflo to list a ringing call. */
export const LOOKUP_FOR_SECONDS = 20;
export const LOOKUP_EVERY_SECONDS = 1;
/** Most calls one sweep looks up (the oldest wait for the next sweep). */
const SWEEP_BATCH = 500;

/**
 * One sweep: the calls we started in the last LOOKUP_FOR_SECONDS that are still live and have no
 * Smartflo id, looked up with one /live_calls request per agent number. Returns how many it looked
 * up and found.
 */
export async function lookupSweep(): Promise<{ pending: number; found: number }> {
  if (!smartfloConfigured()) return { pending: 0, found: 0 };
  const pending = await db.call.findMany({
    where: {
      providerCallId: null,
      direction: "OUTBOUND",
      status: { in: [...ACTIVE_CALL_STATUSES] },
      createdAt: { gte: new Date(Date.now() - LOOKUP_FOR_SECONDS * 1000) },
    },
    select: { id: true, customerNumber: true, agentNumber: true },
    orderBy: { createdAt: "asc" },
    take: SWEEP_BATCH,
  });
  const byAgent = new Map<string, typeof pending>();
  for (const call of pending) byAgent.set(call.agentNumber ?? "", [...(byAgent.get(call.agentNumber ?? "") ?? []), call]);
  let found = 0;
  await Promise.all(
    [...byAgent].map(async ([agentNumber, calls]) => {
      try {
        const live = await smartflo().liveCalls({ agentNumber: agentNumber || undefined });
        for (const call of calls) if (await recordLiveMatch(call, live)) found++;
      } catch (error) {
        // Smartflo hiccups are fine here: the next sweep or a webhook catches up.
        logger.debug({ err: error, agentNumber }, "live_calls lookup failed");
      }
    }),
  );
  return { pending: pending.length, found };
}

/**
 * Makes sure a call we just started is looked up. With the job queue running in this process the
 * sweep does it (nothing to do here); without it, this process asks a step a second, for
 * LOOKUP_FOR_SECONDS at most or until the id is known or the call is over. May be called before the
 * call's row is committed.
 */
export async function startProviderCallIdLookup(callId: string): Promise<void> {
  if (await runningJobQueue()) return;
  void (async () => {
    for (let step = 0; step < LOOKUP_FOR_SECONDS / LOOKUP_EVERY_SECONDS; step++) {
      await new Promise((r) => setTimeout(r, LOOKUP_EVERY_SECONDS * 1000));
      try {
        const call = await db.call.findUnique({ where: { id: callId }, select: { providerCallId: true, status: true } });
        // Not there yet (the first step came before its row): look once more.
        if (!call) {
          if (step === 0) continue;
          return;
        }
        if (call.providerCallId || !isActiveCallStatus(call.status) || (await resolveProviderCallId(callId))) return;
      } catch (error) {
        logger.debug({ err: error, callId, step }, "live_calls lookup failed");
      }
    }
  })();
}
