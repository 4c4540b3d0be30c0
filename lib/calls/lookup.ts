// Smartflo's id for a call we started. Async click-to-call answers without a call_id, and Hang up
// needs one: until a webhook brings it, the call is looked up in /live_calls. The lookup has one
// owner, a chain of jobs on the queue (one per call, each step one /live_calls request, the next
// step a second later), started by starting the call, so it runs once whichever app server picks
// it up. A process without the queue (tests, scripts) runs the same steps itself. The page's
// GET /api/v1/calls/:id only reads; Hang up, which needs the id at once, asks on demand.
import "server-only";
import { db } from "../db";
import { enqueue, JOBS } from "../jobs/queue";
import { logger } from "../log";
import { resolveProviderCallId } from "./provider-call-id";
import { isActiveCallStatus } from "./status";

/** Steps in a call's lookup, a second apart: long enough for Smartflo to list a ringing call. */
export const LOOKUP_STEPS = 20;
export const LOOKUP_EVERY_SECONDS = 1;

export type LookupJob = { callId: string; step: number };

/** One step: one /live_calls request unless the id is known or the call is over. True when another step is due. */
export async function lookupStep({ callId, step }: LookupJob): Promise<boolean> {
  const call = await db.call.findUnique({ where: { id: callId }, select: { providerCallId: true, status: true } });
  // Queued while the call is being created: a first step that comes before its row looks once more.
  if (!call) return step === 0;
  if (call.providerCallId || !isActiveCallStatus(call.status)) return false;
  try {
    if (await resolveProviderCallId(callId)) return false;
  } catch (error) {
    // Smartflo hiccups are fine here: the next step or a webhook catches up.
    logger.debug({ err: error, callId, step }, "live_calls lookup failed");
  }
  return step + 1 < LOOKUP_STEPS;
}

/**
 * Starts the lookup of a call's Smartflo id, its first step a second from now: on the queue, or in
 * this process when it has none. May be called before the call's row is committed.
 */
export async function startProviderCallIdLookup(callId: string): Promise<void> {
  if (await enqueue(JOBS.callLookup, { callId, step: 0 } satisfies LookupJob, { afterSeconds: LOOKUP_EVERY_SECONDS })) return;
  void (async () => {
    for (let step = 0; ; step++) {
      await new Promise((r) => setTimeout(r, LOOKUP_EVERY_SECONDS * 1000));
      if (!(await lookupStep({ callId, step }).catch(() => false))) return;
    }
  })();
}
