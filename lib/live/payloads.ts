// What a batch of live events carries: the rows, and the current state of each record they name
// (read once per batch and app server, whatever the number of open streams).
import "server-only";
import { type CallerCard, callerCards, incomingTarget } from "../calls/caller";
import { type CallListItem, callListInclude, toCallListItem } from "../calls/list";
import { db } from "../db";
import { type ActivityDto, activityInclude, type LeadDto, leadInclude, toActivityDto, toLeadDto } from "../leads/dto";
import { type TaskDto, taskInclude, toTaskDto } from "../tasks/service";
import { sourcesOfCalls } from "../telephony/number-sources";

export interface LiveEventRow {
  id: bigint;
  at: Date;
  kind: string;
  entityId: string;
  userIds: string[];
}

export interface LiveBatch {
  events: LiveEventRow[];
  calls: Map<string, CallListItem & { agentId: string | null }>;
  activities: Map<string, ActivityDto & { leadOwnerId: string | null }>;
  leads: Map<string, LeadDto>;
  tasks: Map<string, TaskDto & { assigneeId: string | null }>;
  /** Screen pops, by call id, for inbound calls ringing or answered at an agent. */
  incoming: Map<string, { target: string; card: CallerCard }>;
  /** Webhook deliveries were stored or re-processed (admins' delivery logs refresh). */
  deliveries?: boolean;
}

export const emptyBatch = (): LiveBatch => ({
  events: [],
  calls: new Map(),
  activities: new Map(),
  leads: new Map(),
  tasks: new Map(),
  incoming: new Map(),
});

const idsOf = (events: LiveEventRow[], kind: string) => [...new Set(events.filter((e) => e.kind === kind).map((e) => e.entityId))];

/** The events with these ids (ids not found are gone: pruned or rolled back), with their records. */
export async function loadBatch(ids: bigint[]): Promise<LiveBatch> {
  return withRecords(await db.liveEvent.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } }));
}

export async function withRecords(events: LiveEventRow[]): Promise<LiveBatch> {
  const [calls, activities, leads, tasks] = await Promise.all([
    idsOf(events, "call").length ? db.call.findMany({ where: { id: { in: idsOf(events, "call") } }, include: callListInclude }) : [],
    idsOf(events, "activity").length
      ? db.activity.findMany({
          where: { id: { in: idsOf(events, "activity") } },
          include: { ...activityInclude, lead: { select: { ownerId: true } } },
        })
      : [],
    idsOf(events, "lead").length ? db.lead.findMany({ where: { id: { in: idsOf(events, "lead") } }, include: leadInclude }) : [],
    idsOf(events, "task").length ? db.task.findMany({ where: { id: { in: idsOf(events, "task") } }, include: taskInclude }) : [],
  ]);
  const ringing = calls.filter((c) => incomingTarget(c));
  const targets = ringing.length
    ? await db.user.findMany({ where: { id: { in: ringing.map((c) => incomingTarget(c)!) } }, select: { id: true, role: true } })
    : [];
  const [cards, sources] = await Promise.all([callerCards(ringing, new Map(targets.map((t) => [t.id, t]))), sourcesOfCalls(activities)]);
  return {
    events,
    calls: new Map(calls.map((c) => [c.id, { ...toCallListItem(c), agentId: c.agentId }])),
    activities: new Map(activities.map((a) => [a.id, { ...toActivityDto(a, sources), leadOwnerId: a.lead.ownerId }])),
    leads: new Map(leads.map((l) => [l.id, toLeadDto(l)])),
    tasks: new Map(tasks.map((t) => [t.id, { ...toTaskDto(t), assigneeId: t.assigneeId }])),
    incoming: new Map(ringing.map((c) => [c.id, { target: incomingTarget(c)!, card: cards.get(c.id)! }])),
  };
}
