// Click-to-call, hangup and live call state. The agent's Smartflo number always comes from the
// database, never from the request.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "../auth/actor";
import { callScope, leadScope } from "../auth/policy";
import { assertMayCall, spendOverride } from "../compliance/guard";
import { db } from "../db";
import { claimOfferForCall, linkCallToOffer } from "../dialer/offers";
import { env } from "../env";
import { AppError, isUniqueViolation, notFound, validationError } from "../errors";
import { last10Digits, normalizePhone } from "../phone";
import { smartflo } from "../smartflo";
import type { LiveCall } from "../smartflo/client";
import { secondsToIstMidnight, startOfIstDay } from "../time/india";
import { assertCallable } from "./callable";
import { type CallDto, callInclude, toCallDto } from "./dto";
import { startProviderCallIdLookup } from "./lookup";
import { ACTIVE_CALL_STATUSES, CALL_IN_PROGRESS_WINDOW_MS, isActiveCallStatus } from "./status";

/** What Smartflo expects as destination_number: the 10-digit national number for India. */
export function smartfloNumber(e164: string): string {
  return e164.startsWith("+91") ? e164.slice(3) : e164.replace(/^\+/, "");
}

export interface StartedCall {
  id: string;
  callId: string | null;
  refId: string | null;
  status: string;
}

type StartCallInput = { actor: Actor; leadId: string; phone?: string; offerId?: string };

export async function startCall({ actor, leadId, phone: clicked, offerId }: StartCallInput): Promise<StartedCall> {
  const lead = await db.lead.findFirst({
    where: { AND: [{ id: leadId }, leadScope(actor)] },
    select: { id: true, phone: true, purpose: true, consentAt: true, consentWithdrawnAt: true, phones: { select: { number: true } } },
  });
  if (!lead) throw notFound("Lead");
  // Only a number of this lead: the browser names which, never what.
  const wanted = clicked === undefined ? lead.phone : normalizePhone(clicked)?.e164;
  if (!wanted || (!lead.phones.some((p) => p.number === wanted) && wanted !== lead.phone))
    throw validationError({ phone: "is not one of this lead's numbers" });
  const phone = normalizePhone(wanted);
  if (!phone) throw validationError({ leadId: "the lead has no valid phone number" });
  assertCallable(phone.e164);
  // Do-not-call, consent, calling hours (an admin's one-call permission, if that allows it, is used once the call is accepted).
  const override = await assertMayCall(actor, lead, phone.e164);
  const offer = offerId ? await claimOfferForCall(actor, offerId, lead.id) : null;

  // One statement (crm_start_call): lock the agent's row, so double clicks and tabs queue; take the
  // agent's Smartflo number from the database; refuse while a call of theirs is in progress or past
  // the daily cap; create the call.
  const id = randomUUID();
  type Started = {
    agentNumber?: string;
    error?: "NO_AGENT_NUMBER" | "BUSY" | "DAILY_LIMIT";
    activeCall?: { id: string; leadId: string | null };
    placedToday?: number;
  };
  const [row] = await db.$queryRaw<{ r: Started }[]>`
    SELECT crm_start_call(${id}::text, ${actor.id}::text, ${lead.id}::text, ${phone.e164}::text, ${[...ACTIVE_CALL_STATUSES]}::text[],
      ${CALL_IN_PROGRESS_WINDOW_MS / 1000}::int, ${startOfIstDay()}::timestamp, ${env.MAX_CALLS_PER_AGENT_PER_DAY}::int) AS r`;
  const started = row!.r;
  if (started.error === "NO_AGENT_NUMBER")
    throw validationError({ agentNumber: "your Smartflo agent number is not set; ask an admin to set it" });
  if (started.error === "BUSY")
    throw new AppError("CONFLICT", "You already have a call in progress; hang it up first", { activeCall: started.activeCall });
  if (started.error === "DAILY_LIMIT") {
    const retryAfter = secondsToIstMidnight();
    throw new AppError(
      "RATE_LIMITED",
      `You have placed ${started.placedToday} calls today, the most allowed per agent (${env.MAX_CALLS_PER_AGENT_PER_DAY}). ` +
        "Calling opens again at midnight; an admin can raise MAX_CALLS_PER_AGENT_PER_DAY.",
      { retryAfter },
    );
  }
  const agentNumber = started.agentNumber!;
  if (offer) await linkCallToOffer(offer, id);

  let result: Awaited<ReturnType<ReturnType<typeof smartflo>["clickToCall"]>>;
  try {
    result = await smartflo().clickToCall({
      agentNumber,
      destinationNumber: smartfloNumber(phone.e164),
      customIdentifier: id,
      refId: lead.id,
      callerId: env.SMARTFLO_CALLER_ID,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.call.updateMany({
      where: { id, status: "INITIATED" },
      data: { status: "FAILED", error: message.slice(0, 500), endedAt: new Date() },
    });
    throw error; // a SmartfloError: a 502 with Smartflo's words (toErrorResponse)
  }
  if (override) await spendOverride(actor, override, id);
  if (result.refId) await db.call.update({ where: { id }, data: { refId: result.refId } });
  if (result.callId) await setProviderCallId(id, result.callId, "RINGING");
  // Async click-to-call carries no call_id: look it up in /live_calls until a webhook brings it, so Hang up works.
  else await startProviderCallIdLookup(id);
  // A webhook may already have moved the call on: the page polls the call and shows where it is.
  return { id, callId: result.callId, refId: result.refId, status: result.callId ? "RINGING" : "INITIATED" };
}

/** Records Smartflo's call_id once (a webhook may have done it first); moves INITIATED forward. */
async function setProviderCallId(id: string, providerCallId: string, status?: "RINGING" | "ANSWERED") {
  try {
    await db.call.updateMany({ where: { id, providerCallId: null }, data: { providerCallId } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  if (status) {
    const earlier = status === "ANSWERED" ? ["INITIATED", "RINGING"] : ["INITIATED"];
    await db.call.updateMany({ where: { id, status: { in: earlier as ("INITIATED" | "RINGING")[] } }, data: { status } });
  }
}

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
  const match = matchLiveCall(call, live);
  if (!match) return null;
  await setProviderCallId(id, match.call_id, /answer/i.test(match.state ?? "") ? "ANSWERED" : "RINGING");
  return (await db.call.findUnique({ where: { id }, select: { providerCallId: true } }))?.providerCallId ?? null;
}

/** Get-or-404 within the actor's call scope. */
export async function findVisibleCall(actor: Actor, id: string) {
  const call = await db.call.findFirst({
    where: { AND: [{ id }, callScope(actor)] },
    select: { id: true, status: true, leadId: true, agentId: true, direction: true, customerNumber: true },
  });
  if (!call) throw notFound("Call");
  return call;
}

/** The call as the page shows it (a pure read: the Smartflo id lookup runs on its own, lib/calls/lookup.ts). */
export async function getCall({ actor, id }: { actor: Actor; id: string }): Promise<CallDto> {
  const call = await db.call.findFirst({ where: { AND: [{ id }, callScope(actor)] }, include: callInclude });
  if (!call) throw notFound("Call");
  return toCallDto(call);
}

/** Smartflo's id of a live call (asked of /live_calls when no webhook has brought it yet); 409 while it has none. */
export async function requireProviderCallId(call: { id: string; providerCallId: string | null }): Promise<string> {
  const providerCallId = call.providerCallId ?? (await resolveProviderCallId(call.id));
  if (!providerCallId)
    throw new AppError("CONFLICT", "Smartflo has not given this call an id yet; try again in a moment", { retryable: true });
  return providerCallId;
}

export async function hangupCall({ actor, callId }: { actor: Actor; callId: string }): Promise<CallDto> {
  const call = await db.call.findFirst({ where: { AND: [{ OR: [{ providerCallId: callId }, { id: callId }] }, callScope(actor)] } });
  if (!call) throw notFound("Call");
  if (!isActiveCallStatus(call.status)) throw new AppError("CONFLICT", "This call has already ended");
  const providerCallId = await requireProviderCallId(call);
  await smartflo().hangup(providerCallId);
  // Provisional end state; the hangup webhook brings the authoritative one (final over final wins).
  const now = new Date();
  const current = await db.call.findUniqueOrThrow({ where: { id: call.id } });
  if (isActiveCallStatus(current.status)) {
    const answered = current.status === "ANSWERED" || current.answeredAt !== null;
    await db.call.updateMany({
      where: { id: call.id, status: { in: [...ACTIVE_CALL_STATUSES] } },
      data: {
        status: answered ? "COMPLETED" : "MISSED",
        endedAt: now,
        talkSeconds: answered && current.answeredAt ? Math.max(0, Math.round((now.getTime() - current.answeredAt.getTime()) / 1000)) : 0,
        hangupCause: "HANGUP_BY_AGENT",
      },
    });
  }
  return toCallDto(await db.call.findUniqueOrThrow({ where: { id: call.id }, include: callInclude }));
}

/** The agent's call in progress on this lead, so a page reload picks the live call up again. */
export async function findActiveCall({ actor, leadId }: { actor: Actor; leadId: string }) {
  const call = await db.call.findFirst({
    where: {
      leadId,
      agentId: actor.id,
      status: { in: [...ACTIVE_CALL_STATUSES] },
      createdAt: { gt: new Date(Date.now() - CALL_IN_PROGRESS_WINDOW_MS) },
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, providerCallId: true, status: true },
  });
  return call ? { id: call.id, callId: call.providerCallId, status: call.status } : null;
}
