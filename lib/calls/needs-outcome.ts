// The calls an agent still owes an outcome: their own calls of the last days that connected, or
// that they placed and nobody answered, and that have none yet. The server keeps this list, so the
// "How did the call go?" prompt survives a reload, a closed tab and a new day.
import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { type CallListItem, callListInclude, toCallListItem } from "./list";

/** Older calls are history: nobody is asked about last month's calls. */
export const NEEDS_OUTCOME_DAYS = 7;

export function needsOutcomeWhere(agentId: string, now = new Date()): Prisma.CallWhereInput {
  return {
    agentId,
    leadId: { not: null },
    disposition: null,
    createdAt: { gte: new Date(now.getTime() - NEEDS_OUTCOME_DAYS * 86_400_000) },
    OR: [{ status: "COMPLETED" }, { status: "MISSED", direction: "OUTBOUND" }],
  };
}

/** The actor's calls without an outcome (newest first), optionally on one lead, and how many there are. */
export async function callsNeedingOutcome({
  actor,
  leadId,
  limit = 20,
}: {
  actor: Actor;
  leadId?: string;
  limit?: number;
}): Promise<{ items: CallListItem[]; total: number }> {
  const where = { AND: [needsOutcomeWhere(actor.id), leadId ? { leadId } : {}] };
  const [rows, total] = await Promise.all([
    db.call.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit, include: callListInclude }),
    db.call.count({ where }),
  ]);
  return { items: rows.map(toCallListItem), total };
}

/** On a lead's page: the actor's newest call to this lead still without an outcome (the prompt comes back after a reload). */
export async function findCallAwaitingOutcome({ actor, leadId }: { actor: Actor; leadId: string }) {
  const call = await db.call.findFirst({
    where: { AND: [needsOutcomeWhere(actor.id), { leadId }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, providerCallId: true, status: true },
  });
  return call ? { id: call.id, callId: call.providerCallId, status: call.status } : null;
}
