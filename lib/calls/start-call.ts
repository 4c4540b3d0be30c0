// Click-to-call: checks (the lead in scope, one of its numbers, callable, compliance, an offer), then
// the call row and the agent's Smartflo number in one statement (crm_start_call), then Smartflo
// accepts the call, and only then anything consumed (an admin's one-call permission). The agent's
// Smartflo number always comes from the database, never from the request. Two round trips before
// Smartflo is asked: one read (the lead in scope, its numbers, their do-not-call marks, the
// compliance settings) and crm_start_call; after it, a write only when Smartflo named the call.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "../auth/actor";
import { leadScopeSql } from "../auth/policy";
import { assertMayCall, spendOverride } from "../compliance/guard";
import { COMPLIANCE_SETTINGS_KEY, complianceSettingsFrom } from "../compliance/settings";
import { database } from "../db";
import { claimOfferForCall, linkCallToOffer } from "../dialer/offers";
import { env } from "../env";
import { AppError, notFound, validationError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { DncSource } from "../generated/prisma/enums";
import { logger } from "../log";
import { normalizePhone } from "../phone";
import { smartflo } from "../smartflo";
import { secondsToIstMidnight, startOfIstDay } from "../time/india";
import { assertCallable } from "./callable";
import { startProviderCallIdLookup } from "./lookup";
import { applyOwnEvent } from "./own-events";
import { ACTIVE_CALL_STATUSES, CALL_IN_PROGRESS_WINDOW_MS } from "./status";

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
type LeadToCall = {
  id: string;
  phone: string;
  purpose: "PROMOTIONAL" | "SERVICE";
  consentAt: Date | null;
  consentWithdrawnAt: Date | null;
};

export async function startCall({ actor, leadId, phone: clicked, offerId }: StartCallInput): Promise<StartedCall> {
  const leadQuery = Prisma.sql`
    SELECT l.id, l.phone, l.purpose::text AS purpose, l."consentAt", l."consentWithdrawnAt", n.phones,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('phone', x.number, 'since', crm_iso(d."createdAt"), 'reason', d.reason,
                'source', d.source)), '[]')
         FROM unnest(n.phones || l.phone) x(number)
         JOIN dnc_entry d ON d."phoneHash" = encode(sha256(convert_to(x.number, 'UTF8')), 'hex')) AS dnc,
      (SELECT s.value FROM app_setting s WHERE s.key = ${COMPLIANCE_SETTINGS_KEY}) AS compliance
    FROM lead l
    CROSS JOIN LATERAL (SELECT coalesce(array_agg(p.number), '{}') AS phones FROM lead_phone p WHERE p."leadId" = l.id) n
    WHERE l.id = ${leadId} AND ${leadScopeSql(actor, "l")}`;
  // Straight to the driver (lib/db/client.ts query), as the call's row below: this route is timed from the click.
  const [read] = await database().query<
    LeadToCall & { phones: string[]; dnc: { phone: string; since: string; reason: string; source: DncSource }[]; compliance: unknown }
  >(leadQuery.text, leadQuery.values, { prepare: true });
  if (!read) throw notFound("Lead");
  const lead = read;
  // Only a number of this lead: the browser names which, never what.
  const wanted = clicked === undefined ? lead.phone : normalizePhone(clicked)?.e164;
  if (!wanted || (!lead.phones.includes(wanted) && wanted !== lead.phone))
    throw validationError({ phone: "is not one of this lead's numbers" });
  const phone = normalizePhone(wanted);
  if (!phone) throw validationError({ leadId: "the lead has no valid phone number" });
  assertCallable(phone.e164);
  // Do-not-call, consent, calling hours (an admin's one-call permission, if that allows it, is used once the call is accepted).
  const override = await assertMayCall(actor, lead, phone.e164, {
    settings: complianceSettingsFrom(read.compliance),
    dnc: new Map(read.dnc.map(({ phone: number, ...mark }) => [number, mark])),
  });
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
  const [row] = await database().query<{ r: Started }>(
    "SELECT crm_start_call($1::text, $2::text, $3::text, $4::text, $5::text[], $6::int, $7::timestamp, $8::int) AS r",
    [
      id,
      actor.id,
      lead.id,
      phone.e164,
      [...ACTIVE_CALL_STATUSES],
      CALL_IN_PROGRESS_WINDOW_MS / 1000,
      startOfIstDay(),
      env.MAX_CALLS_PER_AGENT_PER_DAY,
    ],
    { prepare: true },
  );
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
  // The call's Smartflo id is looked up in /live_calls until a webhook brings it, so Hang up works
  // (we ask for asynchronous click-to-call, whose answer carries none): by the job queue's sweep,
  // which finds the new call by itself, or by this process when it runs no queue (lib/calls/lookup.ts).
  void startProviderCallIdLookup(id).catch((error: unknown) =>
    logger.error({ err: error, callId: id }, "starting the call's Smartflo id lookup failed"),
  );

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
    // Ends the call only if Smartflo never rang it (a webhook may say otherwise first).
    await applyOwnEvent(id, "refused", { status: "FAILED", isFinal: true, endedAt: new Date(), talkSeconds: 0, error: message });
    throw error; // a SmartfloError: a 502 with Smartflo's words (toErrorResponse)
  }
  if (override) await spendOverride(actor, override, id);
  // Accepted. Smartflo named the call (synchronous click-to-call): its id, the call's second and last
  // write here. Otherwise the call stays INITIATED until the lookup or a webhook moves it on.
  if (result.callId) await applyOwnEvent(id, "click_to_call", { status: "RINGING", callId: result.callId, refId: result.refId });
  // A webhook may already have moved the call on: the page polls the call and shows where it is.
  return { id, callId: result.callId, refId: result.refId, status: result.callId ? "RINGING" : "INITIATED" };
}
