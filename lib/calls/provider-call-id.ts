// Smartflo's id for a call we started: recorded once (whoever learns it first: the click-to-call
// answer, a webhook, a /live_calls lookup), and asked of /live_calls when nobody has brought it yet.
import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { last10Digits } from "../phone";
import { smartflo } from "../smartflo";
import type { LiveCall } from "../smartflo/client";
import { applyOwnEvent } from "./own-events";
import { isActiveCallStatus } from "./status";

function matchLiveCall(call: { id: string; customerNumber: string | null }, live: LiveCall[]): LiveCall | undefined {
  const ours = live.find((c) => c.custom_identifier === call.id);
  if (ours) return ours;
  const target = call.customerNumber ? last10Digits(call.customerNumber) : null;
  return live
    .filter((c) => String(c.direction ?? "2") !== "1" && target && last10Digits(c.customer_number ?? c.destination_number ?? "") === target)
    .sort((a, b) => (b.created_at ?? "").localeCompare(a.created_at ?? ""))[0];
}

/** One `/live_calls` lookup for a call whose Smartflo id we do not know yet. Returns it if found. */
export async function resolveProviderCallId(id: string): Promise<string | null> {
  const call = await db.call.findUnique({ where: { id } });
  if (!call) return null;
  if (call.providerCallId || !isActiveCallStatus(call.status)) return call.providerCallId;
  const live = await smartflo().liveCalls({ agentNumber: call.agentNumber ?? undefined });
  if (!(await recordLiveMatch(call, live))) return null;
  return (await db.call.findUnique({ where: { id }, select: { providerCallId: true } }))?.providerCallId ?? null;
}

/** Records the Smartflo id of our call if Smartflo's live calls list it; true when they did. */
export async function recordLiveMatch(call: { id: string; customerNumber: string | null }, live: LiveCall[]): Promise<boolean> {
  const match = matchLiveCall(call, live);
  if (!match) return false;
  // Recorded once (a webhook may have done it first); moves the call forward, never back.
  await applyOwnEvent(call.id, "live_calls", {
    callId: match.call_id,
    status: /answer/i.test(match.state ?? "") ? "ANSWERED" : "RINGING",
  });
  return true;
}

/** Smartflo's id of a live call (asked of /live_calls when no webhook has brought it yet); 409 while it has none. */
export async function requireProviderCallId(call: { id: string; providerCallId: string | null }): Promise<string> {
  const providerCallId = call.providerCallId ?? (await resolveProviderCallId(call.id));
  if (!providerCallId)
    throw new AppError("CONFLICT", "Smartflo has not given this call an id yet; try again in a moment", { retryable: true });
  return providerCallId;
}
