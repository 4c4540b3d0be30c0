// Smartflo's id for a call we started: recorded once (whoever learns it first: the click-to-call
// answer, a webhook, a /live_calls lookup), and asked of /live_calls when nobody has brought it yet.
import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import type { CallStatus } from "../generated/prisma/enums";
import { runningJobQueue } from "../jobs/queue";
import { last10Digits } from "../phone";
import { smartflo } from "../smartflo";
import type { LiveCall } from "../smartflo/client";
import { applyOwnEvent } from "./own-events";
import { isActiveCallStatus } from "./status";

/** How long after it starts a call the job queue's sweep looks its id up (lib/calls/lookup.ts). */
export const LOOKUP_FOR_SECONDS = 20;

/**
 * Our call among Smartflo's live calls: by custom_identifier (our id) anywhere in the list; failing
 * that, the newest outbound call to the call's customer among `sameAgent` (the list already narrowed
 * to the call's agent, as Smartflo's agent_number filter does), leaving out Smartflo ids in `taken`.
 */
function matchLiveCall(
  call: { id: string; customerNumber: string | null },
  live: LiveCall[],
  sameAgent: LiveCall[] = live,
  taken: ReadonlySet<string> = new Set(),
): LiveCall | undefined {
  const ours = live.find((c) => c.custom_identifier === call.id);
  if (ours) return ours;
  const target = call.customerNumber ? last10Digits(call.customerNumber) : null;
  if (!target) return undefined;
  return sameAgent
    .filter(
      (c) =>
        !taken.has(c.call_id) &&
        !c.custom_identifier &&
        String(c.direction ?? "2") !== "1" &&
        last10Digits(c.customer_number ?? c.destination_number ?? "") === target,
    )
    .sort((a, b) => (b.created_at ?? "").localeCompare(a.created_at ?? ""))[0];
}

/**
 * One `/live_calls` lookup for a call whose Smartflo id we do not know yet. Returns it if found.
 * With `leaveToSweep`, a call the job queue's sweep is still looking up (one of ours started in the
 * last LOOKUP_FOR_SECONDS, by the database's clock) is not asked about again: Smartflo allows about 3
 * requests a second per account, and the sweep finds it within about a second.
 */
export async function resolveProviderCallId(id: string, { leaveToSweep = false } = {}): Promise<string | null> {
  const [call] = await db.$queryRaw<
    {
      id: string;
      providerCallId: string | null;
      status: CallStatus;
      customerNumber: string | null;
      agentNumber: string | null;
      fresh: boolean;
    }[]
  >`SELECT id, "providerCallId", status::text AS status, "customerNumber", "agentNumber",
           direction = 'OUTBOUND'
             AND "createdAt" > (clock_timestamp() AT TIME ZONE 'UTC') - make_interval(secs => ${LOOKUP_FOR_SECONDS}) AS fresh
    FROM "call" WHERE id = ${id}`;
  if (!call) return null;
  if (call.providerCallId || !isActiveCallStatus(call.status)) return call.providerCallId;
  if (leaveToSweep && call.fresh && (await runningJobQueue())) return null;
  const live = await smartflo().liveCalls({ agentNumber: call.agentNumber ?? undefined });
  if (!(await recordLiveMatch(call, live))) return null;
  return (await db.call.findUnique({ where: { id }, select: { providerCallId: true } }))?.providerCallId ?? null;
}

/**
 * Records the Smartflo id of our call if Smartflo's live calls list it (see matchLiveCall for
 * `sameAgent` and `taken`); the Smartflo id it recorded, or null.
 */
export async function recordLiveMatch(
  call: { id: string; customerNumber: string | null },
  live: LiveCall[],
  sameAgent: LiveCall[] = live,
  taken?: ReadonlySet<string>,
): Promise<string | null> {
  const match = matchLiveCall(call, live, sameAgent, taken);
  if (!match) return null;
  // Recorded once (a webhook may have done it first); moves the call forward, never back.
  await applyOwnEvent(call.id, "live_calls", {
    callId: match.call_id,
    status: /answer/i.test(match.state ?? "") ? "ANSWERED" : "RINGING",
  });
  return match.call_id;
}

/**
 * Smartflo's id of a live call (asked of /live_calls when no webhook has brought it yet, unless the
 * sweep is still looking it up); 409, retryable, while it has none.
 */
export async function requireProviderCallId(call: { id: string; providerCallId: string | null }): Promise<string> {
  const providerCallId = call.providerCallId ?? (await resolveProviderCallId(call.id, { leaveToSweep: true }));
  if (!providerCallId)
    throw new AppError("CONFLICT", "Smartflo has not given this call an id yet; try again in a moment", { retryable: true });
  return providerCallId;
}
