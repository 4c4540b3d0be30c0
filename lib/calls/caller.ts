// The inbound screen pop: who is calling (the call's lead and every other lead on that number),
// each with status, owner, their last call and its outcome and open follow-ups, for the agent the
// call rings. Our own numbers (agents' phones) are never a caller.
import "server-only";
import { type Actor, isSupervisor } from "../auth/actor";
import { db } from "../db";
import { pickJson } from "../dto";
import { formatPhone, last10Digits } from "../phone";
import { ownNumberSet } from "../telephony/own-numbers";
import { type CallListItem, callListInclude, toCallListItem } from "./list";
import { ACTIVE_CALL_STATUSES, CALL_IN_PROGRESS_WINDOW_MS } from "./status";

type CallRow = Awaited<ReturnType<typeof loadCalls>>[number];

const loadCalls = (ids: string[]) => db.call.findMany({ where: { id: { in: ids } }, include: callListInclude });

/** Whom an inbound call pops up for: the agent it rings, else (not routed yet) the lead's owner. */
export function incomingTarget(call: {
  direction: string;
  status: string;
  agentId: string | null;
  lead: { ownerId?: string | null } | null;
}) {
  if (call.direction !== "INBOUND" || !(ACTIVE_CALL_STATUSES as readonly string[]).includes(call.status)) return null;
  return call.agentId ?? call.lead?.ownerId ?? null;
}

export interface CallerLead {
  id: string;
  name: string;
  status: string;
  owner: { id: string; name: string } | null;
  /** Whether the agent may open it (their own lead, or they are a supervisor). */
  visible: boolean;
  lastCall: { status: string; at: string; talkSeconds: number | null; disposition: string | null } | null;
  openTasks: { id: string; title: string; dueAt: string }[];
}

export interface CallerCard {
  call: CallListItem;
  /** The caller's number as people read it; null when it is one of ours or not sent. */
  number: string | null;
  /** The call's lead first, then any other lead on the same number; empty: an unknown number. */
  leads: CallerLead[];
  /** Nobody had this number: the call made the lead it is on ("Caller +91…", from the inbound call). */
  newCaller: boolean;
}

/** The cards of these calls, each for its target viewer. */
export async function callerCards(calls: CallRow[], viewers: Map<string, Pick<Actor, "id" | "role">>): Promise<Map<string, CallerCard>> {
  const cards = new Map<string, CallerCard>();
  if (calls.length === 0) return cards;
  const ours = await ownNumberSet();
  for (const call of calls) {
    const target = incomingTarget(call);
    const viewer = target ? viewers.get(target) : undefined;
    const last10 = call.customerNumber ? last10Digits(call.customerNumber) : null;
    const own = last10 !== null && ours.has(last10);
    const leads = await db.lead.findMany({
      where: {
        OR: [...(call.leadId ? [{ id: call.leadId }] : []), ...(last10 && !own ? [{ phones: { some: { last10 } } }] : [])],
      },
      include: {
        owner: { select: { id: true, name: true } },
        calls: { where: { id: { not: call.id } }, orderBy: { createdAt: "desc" }, take: 1 },
        tasks: { where: { doneAt: null }, orderBy: { dueAt: "asc" }, take: 3, select: { id: true, title: true, dueAt: true } },
      },
      take: 5,
    });
    leads.sort((a, b) => Number(b.id === call.leadId) - Number(a.id === call.leadId));
    const first = leads[0];
    const newCaller =
      !!first &&
      first.id === call.leadId &&
      // Made by this call: an "Inbound call" lead, or one from the source of the number they dialled.
      (first.source === "Inbound call" || (!!call.dialledNumber && first.subSource === `Called ${call.dialledNumber}`)) &&
      Math.abs(first.createdAt.getTime() - call.createdAt.getTime()) < 10_000;
    cards.set(call.id, {
      call: toCallListItem(call),
      number: own || !call.customerNumber ? null : formatPhone(call.customerNumber),
      newCaller,
      leads: leads.map((l) => ({
        ...pickJson(l, ["id", "name", "status", "owner"]),
        visible: !!viewer && (isSupervisor(viewer as Actor) || l.ownerId === viewer.id),
        lastCall: l.calls[0]
          ? { ...pickJson(l.calls[0], ["status", "talkSeconds", "disposition"]), at: l.calls[0].createdAt.toISOString() }
          : null,
        openTasks: l.tasks.map((t) => pickJson(t, ["id", "title", "dueAt"])),
      })),
    });
  }
  return cards;
}

/** The actor's live inbound calls, as screen pops (after a reload the pop-up comes back from here). */
export async function incomingCalls(actor: Actor): Promise<{ items: CallerCard[] }> {
  const calls = await db.call.findMany({
    where: {
      direction: "INBOUND",
      status: { in: [...ACTIVE_CALL_STATUSES] },
      createdAt: { gt: new Date(Date.now() - CALL_IN_PROGRESS_WINDOW_MS) },
      OR: [{ agentId: actor.id }, { agentId: null, lead: { ownerId: actor.id } }],
    },
    include: callListInclude,
    orderBy: { createdAt: "desc" },
    take: 3,
  });
  const cards = await callerCards(calls, new Map([[actor.id, actor]]));
  return { items: calls.map((c) => cards.get(c.id)!).filter(Boolean) };
}
