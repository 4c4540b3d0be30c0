// Applies one normalised Smartflo event: match the call and lead, upsert the call (the later
// stage wins, idempotently), keep its timeline entry, lastContactedAt and the CONTACTED rule.
// Runs inside the caller's transaction.
import type { Prisma } from "../generated/prisma/client";
import type { CallStatus } from "../generated/prisma/enums";
import { nextRoundRobinOwner } from "../leads/assign";
import { transitionLeadStatus } from "../leads/status";
import { syncCallBackTasks } from "../tasks/service";
import { type NormalizedEvent, stageRank } from "../smartflo/webhook-payload";
import { findAgentByNumber } from "./agents";
import { ACTIVE_CALL_STATUSES } from "./dto";

type Tx = Prisma.TransactionClient;

/** Talk time above this (seconds) on an answered call moves a NEW lead to CONTACTED. */
export const CONTACTED_MIN_TALK_SECONDS = 30;
const RECENT_CALL_MS = 2 * 3600_000;

export type ApplyResult =
  | { outcome: "PROCESSED"; callId: string; leadId: string | null; leadCreated: boolean; statusChanged: boolean }
  | { outcome: "UNMATCHED"; reason: string };

const isLeadId = (v: string | null): v is string => !!v && /^[a-z0-9_-]{8,64}$/i.test(v);

/** The other correlation keys, after Smartflo's call_id found nothing. */
async function findCall(tx: Tx, ev: NormalizedEvent) {
  if (ev.uuid) {
    const byUuid = await tx.call.findFirst({ where: { OR: [{ providerUuid: ev.uuid }, { providerCallId: ev.uuid }] } });
    if (byUuid) return byUuid;
  }
  if (ev.customIdentifier) {
    const ours = await tx.call.findUnique({ where: { id: ev.customIdentifier } });
    if (ours) return ours;
  }
  if (ev.refId) {
    const byRef = await tx.call.findFirst({ where: { refId: ev.refId }, orderBy: { createdAt: "desc" } });
    if (byRef) return byRef;
  }
  return null;
}

async function findLead(tx: Tx, ev: NormalizedEvent) {
  if (isLeadId(ev.refId)) {
    const lead = await tx.lead.findUnique({ where: { id: ev.refId } });
    if (lead) return lead;
  }
  if (ev.customerNumber) {
    const exact = await tx.lead.findUnique({ where: { phone: ev.customerNumber } });
    if (exact) return exact;
  }
  if (ev.customerLast10) {
    return tx.lead.findFirst({ where: { phoneLast10: ev.customerLast10 }, orderBy: { updatedAt: "desc" } });
  }
  return null;
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
      createdAt: { gt: new Date(Date.now() - RECENT_CALL_MS) },
    },
    orderBy: { createdAt: "desc" },
  });
}

/** SELECT … FOR UPDATE, then the typed row: concurrent deliveries for one call are serialised. */
async function lockCall(tx: Tx, where: { id: string } | { providerCallId: string }) {
  const rows =
    "id" in where
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "call" WHERE id = ${where.id} FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "call" WHERE "providerCallId" = ${where.providerCallId} FOR UPDATE`;
  const id = rows[0]?.id;
  return id ? tx.call.findUnique({ where: { id } }) : null;
}

function mergeCall(current: { status: CallStatus } & Record<string, unknown>, ev: NormalizedEvent) {
  const newer = stageRank(ev.status) >= stageRank(current.status);
  const keep = <T,>(key: string, value: T | null): T | undefined => {
    if (value === null || value === undefined) return undefined;
    if (newer || current[key] === null || current[key] === undefined) return value;
    return undefined;
  };
  const data: Prisma.CallUncheckedUpdateInput = {
    providerCallId: current.providerCallId ? undefined : (ev.callId ?? undefined),
    providerUuid: current.providerUuid ? undefined : (ev.uuid ?? undefined),
    refId: current.refId ? undefined : (ev.refId ?? undefined),
    customerNumber: current.customerNumber ? undefined : (ev.customerNumber ?? undefined),
    agentNumber: current.agentNumber ? undefined : (ev.agentNumber ?? undefined),
    startedAt: current.startedAt ? undefined : (ev.startedAt ?? undefined),
    answeredAt: keep("answeredAt", ev.answeredAt),
    endedAt: keep("endedAt", ev.endedAt),
    talkSeconds: keep("talkSeconds", ev.talkSeconds),
    ringSeconds: keep("ringSeconds", ev.ringSeconds),
    durationSeconds: keep("durationSeconds", ev.durationSeconds),
    recordingUrl: keep("recordingUrl", ev.recordingUrl),
    hangupCause: keep("hangupCause", ev.hangupCause),
    providerStatus: keep("providerStatus", ev.rawStatus),
  };
  if (newer) data.status = ev.status;
  if (newer && ev.isFinal && !ev.endedAt && !current.endedAt) data.endedAt = new Date();
  return data;
}

export async function applyCallEvent(tx: Tx, ev: NormalizedEvent): Promise<ApplyResult> {
  // Fast path (most deliveries): Smartflo's call_id of a call we know. Lock and read it at once;
  // concurrent deliveries for the same call queue here.
  let locked = ev.callId ? await lockCall(tx, { providerCallId: ev.callId }) : null;
  let call = locked ?? (await findCall(tx, ev));
  let lead = null as Awaited<ReturnType<typeof findLead>>;
  if (!call) {
    lead = await findLead(tx, ev);
    if (lead) call = await findPendingOutbound(tx, ev, lead.id);
  }
  let agent: Awaited<ReturnType<typeof findAgentByNumber>> | undefined;
  const agentOf = async () => (agent === undefined ? (agent = await findAgentByNumber(tx, ev.agentNumber)) : agent);
  let leadCreated = false;

  if (!call && !lead) {
    const isInbound = ev.direction === "INBOUND" || (ev.direction === null && !ev.refId && !ev.customIdentifier);
    if (!isInbound || !ev.customerNumber) {
      return { outcome: "UNMATCHED", reason: ev.refId ? `no call or lead matches ref_id ${ev.refId}` : "no call or lead matches this delivery" };
    }
    const owner = await agentOf();
    lead = await tx.lead.create({
      data: {
        name: `Caller ${ev.customerNumber}`,
        phone: ev.customerNumber,
        phoneLast10: ev.customerLast10 ?? ev.customerNumber.slice(-10),
        source: "Inbound call",
        // The agent who took the call owns the new lead; nobody took it: the next agent in turn (round-robin, if on).
        ownerId: owner?.id ?? (await nextRoundRobinOwner(tx)),
      },
    });
    await tx.activity.create({ data: { leadId: lead.id, type: "LEAD_CREATED", actorId: null, payload: { source: "Inbound call", from: ev.customerNumber } } });
    leadCreated = true;
  }

  if (call) {
    locked ??= await lockCall(tx, { id: call.id });
    const current = locked!;
    const data = mergeCall(current, ev);
    if (!current.leadId && lead) data.leadId = lead.id;
    if (!current.agentId) data.agentId = (await agentOf())?.id ?? lead?.ownerId ?? undefined;
    call = await tx.call.update({ where: { id: current.id }, data });
  } else {
    const owner = await agentOf();
    call = await tx.call.create({
      data: {
        providerCallId: ev.callId,
        providerUuid: ev.uuid,
        refId: ev.refId,
        direction: ev.direction ?? "OUTBOUND",
        status: ev.status,
        providerStatus: ev.rawStatus,
        leadId: lead!.id,
        agentId: owner?.id ?? lead!.ownerId,
        customerNumber: ev.customerNumber ?? lead!.phone,
        agentNumber: ev.agentNumber,
        startedAt: ev.startedAt ?? ev.answeredAt ?? ev.endedAt ?? new Date(),
        answeredAt: ev.answeredAt,
        endedAt: ev.endedAt ?? (ev.isFinal ? new Date() : null),
        talkSeconds: ev.talkSeconds,
        ringSeconds: ev.ringSeconds,
        durationSeconds: ev.durationSeconds,
        recordingUrl: ev.recordingUrl,
        hangupCause: ev.hangupCause,
      },
    });
  }

  const leadId = call.leadId;
  let statusChanged = false;
  if (leadId) {
    await tx.activity.upsert({
      where: { callId: call.id },
      create: { leadId, type: "CALL", actorId: call.agentId, callId: call.id, payload: {}, createdAt: call.startedAt ?? call.createdAt },
      update: { leadId },
    });
    // A ringing phone is not contact yet: answered or ended calls (missed ones are attempts) count.
    const contactedAt = call.endedAt ?? call.answeredAt;
    if (contactedAt) await tx.lead.updateMany({
      where: { id: leadId, OR: [{ lastContactedAt: null }, { lastContactedAt: { lt: contactedAt } }] },
      data: { lastContactedAt: contactedAt },
    });
    if (call.status === "COMPLETED" && (call.talkSeconds ?? 0) > CONTACTED_MIN_TALK_SECONDS) {
      statusChanged = await transitionLeadStatus(tx, {
        leadId,
        from: "NEW",
        to: "CONTACTED",
        actorId: null,
        reason: `Answered call, ${call.talkSeconds} s talk time`,
      });
    }
  }
  if (call.status === "MISSED" || call.status === "COMPLETED") await syncCallBackTasks(tx, call);
  return { outcome: "PROCESSED", callId: call.id, leadId, leadCreated, statusChanged };
}
