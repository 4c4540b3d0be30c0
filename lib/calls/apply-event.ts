// Applies one normalised Smartflo event: match the call and lead (creating an inbound caller's lead
// or a call Smartflo tells us about first), then hand the call to the database function
// crm_apply_call_event (prisma/migrations/20261125090000_webhook_sql_functions), which merges the
// event (the later stage wins, idempotently) and keeps the timeline entry, lastContactedAt, the
// CONTACTED rule and the call-back tasks. Runs inside the caller's transaction.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { leadsByNumber } from "../leads/phones";
import { assignmentNote, clockFrom, routeArrival } from "../routing/arrival";
import type { NormalizedEvent } from "../smartflo/webhook-payload";
import { attributeNewCaller, INBOUND_CALL_SOURCE, sourceOfNumber } from "../telephony/number-sources";
import { isOwnNumber } from "../telephony/own-numbers";
import { jsonForPostgres } from "../webhooks/parse-delivery";
import { findAgentByNumber } from "./agents";
import { ACTIVE_CALL_STATUSES, CALL_IN_PROGRESS_WINDOW_MS } from "./status";

type Tx = Prisma.TransactionClient;

/** Talk time above this (seconds) on an answered call moves a NEW lead to CONTACTED. */
export const CONTACTED_MIN_TALK_SECONDS = 30;

export type ApplyResult =
  | { outcome: "PROCESSED"; callId: string; leadId: string | null; leadCreated: boolean; statusChanged: boolean; matchedBy: MatchKey }
  | { outcome: "UNMATCHED"; reason: string };

/** How a delivery found its call or lead (the delivery's log line says it). */
export type MatchKey =
  | "call_id"
  | "uuid"
  | "custom_identifier"
  | "ref_id"
  | "lead_ref_id"
  | "phone"
  | "phone_last10"
  | "pending_call"
  | "new_lead";

const isLeadId = (v: string | null): v is string => !!v && /^[a-z0-9_-]{8,64}$/i.test(v);

/** The other correlation keys, after Smartflo's call_id found nothing. */
async function findCall(tx: Tx, ev: NormalizedEvent) {
  if (ev.uuid) {
    const byUuid = await tx.call.findFirst({ where: { OR: [{ providerUuid: ev.uuid }, { providerCallId: ev.uuid }] } });
    if (byUuid) return { call: byUuid, by: "uuid" as const };
  }
  if (ev.customIdentifier) {
    const ours = await tx.call.findUnique({ where: { id: ev.customIdentifier } });
    if (ours) return { call: ours, by: "custom_identifier" as const };
  }
  if (ev.refId) {
    // The ref_id is the lead's id, shared by all its calls: a call Smartflo already gave another call_id is another call.
    const sameCall = ev.callId ? { OR: [{ providerCallId: null }, { providerCallId: ev.callId }] } : {};
    const byRef = await tx.call.findFirst({ where: { refId: ev.refId, ...sameCall }, orderBy: { createdAt: "desc" } });
    if (byRef) return { call: byRef, by: "ref_id" as const };
  }
  return null;
}

async function findLead(tx: Tx, ev: NormalizedEvent) {
  if (isLeadId(ev.refId)) {
    const lead = await tx.lead.findUnique({ where: { id: ev.refId } });
    if (lead) return { lead, by: "lead_ref_id" as const };
  }
  // Any of a lead's numbers: a secondary number's call lands on its lead.
  return leadsByNumber(tx, ev.customerNumber, ev.customerLast10);
}

/** A click-to-call we started whose provider id we have not learnt yet (Smartflo may not echo custom_identifier). */
async function findPendingOutbound(tx: Tx, ev: NormalizedEvent, leadId: string) {
  if (ev.direction === "INBOUND") return null;
  return tx.call.findFirst({
    where: {
      leadId,
      direction: "OUTBOUND",
      providerCallId: null,
      status: { in: [...ACTIVE_CALL_STATUSES] },
      createdAt: { gt: new Date(Date.now() - CALL_IN_PROGRESS_WINDOW_MS) },
    },
    orderBy: { createdAt: "desc" },
  });
}

/** The event as the database functions read it: dates as ISO strings, no NUL characters (jsonb refuses them). */
export function eventJson(ev: NormalizedEvent): string {
  return jsonForPostgres(ev);
}

/** Applies the event to an existing call (locks it, merges, side effects) in one statement. */
async function applyToCall(tx: Tx, callId: string, leadId: string | null, ev: NormalizedEvent) {
  const rows = await tx.$queryRaw<{ result: { callId: string; leadId: string | null; statusChanged: boolean } }[]>`
    SELECT crm_apply_call_event(${callId}, ${leadId}, ${eventJson(ev)}::jsonb, ${CONTACTED_MIN_TALK_SECONDS}::int) AS result`;
  return rows[0]!.result;
}

export async function applyCallEvent(tx: Tx, ev: NormalizedEvent): Promise<ApplyResult> {
  // Most deliveries: Smartflo's call_id of a call we know.
  const byCallId = ev.callId ? await tx.call.findUnique({ where: { providerCallId: ev.callId }, select: { id: true } }) : null;
  const found = byCallId ? { call: byCallId, by: "call_id" as const } : await findCall(tx, ev);
  let call: { id: string } | null = found?.call ?? null;
  let matchedBy: MatchKey | null = found?.by ?? null;
  let lead: NonNullable<Awaited<ReturnType<typeof findLead>>>["lead"] | null = null;
  if (!call) {
    const byLead = await findLead(tx, ev);
    lead = byLead?.lead ?? null;
    matchedBy = byLead?.by ?? null;
    if (lead) {
      call = await findPendingOutbound(tx, ev, lead.id);
      if (call) matchedBy = "pending_call";
    }
  }
  let agent: Awaited<ReturnType<typeof findAgentByNumber>> | undefined;
  const agentOf = async () => {
    if (agent === undefined) agent = await findAgentByNumber(tx, ev.agentNumber);
    return agent;
  };
  let leadCreated = false;

  if (!call && !lead) {
    // A call between our own lines (an agent's phone, the account's numbers) is nobody's lead.
    if (ev.customerLast10 && (await isOwnNumber(tx, ev.customerLast10))) return { outcome: "UNMATCHED", reason: "own number" };
    const isInbound = ev.direction === "INBOUND" || (ev.direction === null && !ev.refId && !ev.customIdentifier);
    if (!isInbound || !ev.customerNumber) {
      return {
        outcome: "UNMATCHED",
        reason: ev.refId ? `no call or lead matches ref_id ${ev.refId}` : "no call or lead matches this delivery",
      };
    }
    const owner = await agentOf();
    // The number they dialled says where they saw us (an admin's DID → source map), else "Inbound call".
    const source = (await sourceOfNumber(tx, ev.dialledNumber)) ?? INBOUND_CALL_SOURCE;
    const subSource = ev.dialledNumber ? `Called ${ev.dialledNumber}` : null;
    // The agent who took the call owns the new lead; nobody took it: the routing rules (the first-response clock runs either way).
    const arrival = owner ? null : await routeArrival(tx, { source, subSource, fields: {}, at: new Date() });
    const clock = owner ? await clockFrom(tx, source, new Date()) : null;
    lead = await tx.lead.create({
      data: {
        name: `Caller ${ev.customerNumber}`,
        phone: ev.customerNumber,
        phoneLast10: ev.customerLast10 ?? ev.customerNumber.slice(-10),
        source,
        subSource,
        ...(arrival
          ? arrival.data
          : { ownerId: owner!.id, firstResponseDueAt: clock?.dueAt ?? null, firstResponseRemindAt: clock?.remindAt ?? null }),
      },
    });
    await tx.activity.create({
      data: {
        leadId: lead.id,
        type: "LEAD_CREATED",
        actorId: null,
        payload: {
          source,
          from: ev.customerNumber,
          ...(ev.dialledNumber ? { dialled: ev.dialledNumber } : {}),
          ...(arrival ? assignmentNote(arrival.decision) : {}),
        },
      },
    });
    leadCreated = true;
    matchedBy = "new_lead";
  }

  if (!call) {
    // A call Smartflo tells us about first (inbound, or placed outside the CRM): the row with what
    // identifies it; the event itself is merged below like any other.
    const owner = await agentOf();
    call = await tx.call.create({
      data: {
        providerCallId: ev.callId,
        providerUuid: ev.uuid,
        refId: ev.refId,
        direction: ev.direction ?? "OUTBOUND",
        status: "INITIATED",
        leadId: lead!.id,
        agentId: owner?.id ?? lead!.ownerId,
        customerNumber: ev.customerNumber ?? lead!.phone,
        agentNumber: ev.agentNumber,
        dialledNumber: ev.dialledNumber,
        ivrDigits: ev.ivrDigits,
        startedAt: ev.startedAt ?? ev.answeredAt ?? ev.endedAt ?? new Date(),
      },
      select: { id: true },
    });
  }

  const applied = await applyToCall(tx, call.id, lead?.id ?? null, ev);
  // The number they dialled, in a later delivery than the one that made their lead.
  if (!leadCreated && ev.direction === "INBOUND" && ev.dialledNumber && applied.leadId)
    await attributeNewCaller(tx, { leadId: applied.leadId, callId: applied.callId, dialledNumber: ev.dialledNumber });
  return {
    outcome: "PROCESSED",
    callId: applied.callId,
    leadId: applied.leadId,
    leadCreated,
    statusChanged: applied.statusChanged,
    matchedBy: matchedBy ?? "call_id",
  };
}
