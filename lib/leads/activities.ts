// A lead's timeline: its activities (calls shown as the reader's scope allows) and notes.
import "server-only";
import type { z } from "zod";
import type { Actor } from "../auth/actor";
import { isSupervisor } from "../auth/actor";
import { callScope } from "../auth/policy";
import { isMonitorEntry } from "../calls/monitoring";
import { ACTIVE_CALL_STATUSES } from "../calls/status";
import { db } from "../db";
import { newestFirstAfter, newestFirstPage } from "../db/cursor";
import { sourcesOfCalls } from "../telephony/number-sources";
import { type ActivityDto, activityInclude, type Page, toActivityDto } from "./dto";
import { findVisibleLead } from "./read-lead";
import type { noteSchema, paginationSchema } from "./schemas";

type ListActivitiesInput = { actor: Actor; leadId: string; page: z.infer<typeof paginationSchema> };

export async function listActivities({ actor, leadId, page }: ListActivitiesInput): Promise<Page<ActivityDto>> {
  await findVisibleLead(actor, leadId);
  const [rows, total] = await Promise.all([
    db.activity.findMany({
      where: { AND: [{ leadId }, newestFirstAfter(page.cursor)] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: page.limit + 1,
      include: activityInclude,
    }),
    db.activity.count({ where: { leadId } }),
  ]);
  const { items, nextCursor } = newestFirstPage(rows, page.limit);
  const [hidden, sources] = await Promise.all([silentWhileLive(actor, items), sourcesOfCalls(items)]);
  const shown = items.filter((a) => !hidden.has(a.id)).map((a) => toActivityDto(a, sources));
  return { items: await withCallsInScope(actor, shown), nextCursor, total: total - hidden.size };
}

/**
 * One scope for calls wherever they appear: a manager reads every lead's timeline, but the calls on
 * it of another team's agents (number, agent, outcome, recording) only as "a call", as the calls API
 * answers them 404. Agents see their own leads' timelines whole; admins everything.
 */
async function withCallsInScope(actor: Actor, activities: ActivityDto[]): Promise<ActivityDto[]> {
  if (actor.role !== "MANAGER") return activities;
  const ids = activities.flatMap((a) => (a.call ? [a.call.id] : []));
  if (ids.length === 0) return activities;
  const visible = new Set(
    (await db.call.findMany({ where: { AND: [{ id: { in: ids } }, callScope(actor)] }, select: { id: true } })).map((c) => c.id),
  );
  return activities.map((a) => (a.call && !visible.has(a.call.id) ? { ...a, call: null } : a));
}

/**
 * Silent monitoring is silent: the agent does not see "… listened in" while that call is live
 * (supervisors and the audit log do). Whispering and barging are heard, so they show at once.
 */
async function silentWhileLive(actor: Actor, items: { id: string; type: string; payload: unknown }[]): Promise<Set<string>> {
  if (isSupervisor(actor)) return new Set();
  const monitors = items.filter((a) => isMonitorEntry(a));
  if (monitors.length === 0) return new Set();
  const callIds = monitors.map((a) => String((a.payload as { callId?: unknown }).callId));
  const live = await db.call.findMany({ where: { id: { in: callIds }, status: { in: [...ACTIVE_CALL_STATUSES] } }, select: { id: true } });
  const liveIds = new Set(live.map((c) => c.id));
  return new Set(monitors.filter((a) => liveIds.has(String((a.payload as { callId?: unknown }).callId))).map((a) => a.id));
}

type AddNoteInput = { actor: Actor; leadId: string; input: z.infer<typeof noteSchema> };

export async function addNote({ actor, leadId, input }: AddNoteInput): Promise<ActivityDto> {
  await findVisibleLead(actor, leadId);
  const activity = await db.activity.create({
    data: { leadId, type: "NOTE", actorId: actor.id, payload: { body: input.body } },
    include: activityInclude,
  });
  return toActivityDto(activity, new Map()); // a note: no call
}
