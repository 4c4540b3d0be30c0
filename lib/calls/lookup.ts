// Smartflo's id for a call we started. Async click-to-call answers without a call_id, and Hang up
// needs one: until a webhook brings it, the call is looked up in /live_calls. With the job queue, one
// sweep a second does it for every such call on the floor (lookupSweep: the calls started in the last
// LOOKUP_FOR_SECONDS, still live, still without an id; one /live_calls request a sweep, whatever the
// number of agents, as Smartflo allows about 3 requests a second per account),
// run once at a time across app servers (a stately queue, lib/jobs/index.ts). Starting a call queues
// nothing: the click's path has no job to write. A process without the queue (tests, scripts) looks
// its own calls up, a step a second. The page's GET /api/v1/calls/:id only reads; Hang up, which
// needs the id at once, asks on demand (lib/calls/provider-call-id.ts).
import "server-only";
import { db } from "../db";
import { runningJobQueue } from "../jobs/queue";
import { logger } from "../log";
import { last10Digits } from "../phone";
import { smartflo, smartfloConfigured } from "../smartflo";
import type { LiveCall } from "../smartflo/client";
import { LOOKUP_FOR_SECONDS, recordLiveMatch, resolveProviderCallId } from "./provider-call-id";
import { ACTIVE_CALL_STATUSES, isActiveCallStatus } from "./status";

export { LOOKUP_FOR_SECONDS };
export const LOOKUP_EVERY_SECONDS = 1;
/** Most calls one sweep looks up (the oldest wait for the next sweep). */
const SWEEP_BATCH = 500;

/**
 * One sweep: the calls we started in the last LOOKUP_FOR_SECONDS that are still live and have no
 * Smartflo id, looked up with one /live_calls request (filtered by the agent's number when they are
 * all one agent's; else the account's whole list). Smartflo allows about 3 requests a second per
 * account, so a floor of agents must not cost a request each. A call is matched by our id
 * (custom_identifier) anywhere in the list; failing that, by its customer's number among its own
 * agent's calls only, never to a Smartflo call an earlier call of this sweep took. Returns how many
 * it looked up and found.
 */
export async function lookupSweep(): Promise<{ pending: number; found: number }> {
  if (!smartfloConfigured()) return { pending: 0, found: 0 };
  const pending = await callsAwaitingId();
  if (pending.length === 0) return { pending: 0, found: 0 };
  const agentNumbers = new Set(pending.map((c) => c.agentNumber ?? ""));
  const onlyAgent = agentNumbers.size === 1 ? [...agentNumbers][0] : "";
  let live: LiveCall[];
  try {
    live = await smartflo().liveCalls({ agentNumber: onlyAgent || undefined });
  } catch (error) {
    // Smartflo hiccups are fine here: the next sweep or a webhook catches up.
    logger.debug({ err: error, calls: pending.length }, "live_calls lookup failed");
    return { pending: pending.length, found: 0 };
  }
  const taken = new Set<string>();
  for (const call of pending) {
    const sameAgent = onlyAgent ? live : agentsLiveCalls(live, call.agentNumber);
    const recorded = await recordLiveMatch(call, live, sameAgent, taken);
    if (recorded) taken.add(recorded);
  }
  return { pending: pending.length, found: taken.size };
}

/**
 * The calls a sweep looks up: ours, started in the last LOOKUP_FOR_SECONDS by the database's clock
 * (which stamped them), still live, without a Smartflo id; oldest first.
 */
export function callsAwaitingId() {
  return db.$queryRaw<{ id: string; customerNumber: string | null; agentNumber: string | null }[]>`
    SELECT id, "customerNumber", "agentNumber" FROM "call"
    WHERE "providerCallId" IS NULL AND direction = 'OUTBOUND'
      AND status::text = ANY (${[...ACTIVE_CALL_STATUSES]}::text[])
      AND "createdAt" >= (clock_timestamp() AT TIME ZONE 'UTC') - make_interval(secs => ${LOOKUP_FOR_SECONDS})
    ORDER BY "createdAt" ASC LIMIT ${SWEEP_BATCH}`;
}

/** The live calls Smartflo lists for one agent's number (none when we do not know the call's agent). */
function agentsLiveCalls(live: LiveCall[], agentNumber: string | null): LiveCall[] {
  if (!agentNumber) return [];
  const agent = last10Digits(agentNumber);
  return live.filter((c) => c.agent_number && last10Digits(c.agent_number) === agent);
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
