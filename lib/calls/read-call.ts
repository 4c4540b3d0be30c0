// Reads of a call within the actor's scope: get-or-404, the page's view, the call in progress on a lead.
import "server-only";
import type { Actor } from "../auth/actor";
import { callScope } from "../auth/policy";
import { db } from "../db";
import { notFound } from "../errors";
import { type CallDto, callInclude, toCallDto } from "./dto";
import { ACTIVE_CALL_STATUSES, CALL_IN_PROGRESS_WINDOW_MS } from "./status";

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
