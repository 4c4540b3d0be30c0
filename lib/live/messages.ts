// The live stream's events, as the browser receives them (Server-Sent Events: `id`, `event`, `data`),
// and which of a batch's events a viewer is shown: the API's scopes, checked in memory.
import "server-only";
import { isSupervisor } from "../auth/actor";
import { seesLeadOwnedBy, seesWorkOf, type Viewer } from "../auth/policy";
import type { CallerCard } from "../calls/caller";
import type { CallListItem } from "../calls/list";
import { isMonitorEntry } from "../calls/monitoring";
import type { ActivityDto, LeadDto } from "../leads/dto";
import type { TaskDto } from "../tasks/service";
import type { LiveBatch, LiveEventRow } from "./payloads";

export type LiveMessage =
  | { event: "call.updated"; data: { call: CallListItem } }
  | { event: "call.incoming"; data: CallerCard }
  | { event: "call.removed"; data: { id: string } }
  | { event: "activity.created"; data: { activity: ActivityDto } }
  | { event: "lead.updated"; data: { lead: LeadDto } }
  | { event: "lead.removed"; data: { id: string } }
  | { event: "task.updated"; data: { task: TaskDto } }
  | { event: "task.removed"; data: { id: string } }
  | { event: "break.changed"; data: { userId: string } };

export type LiveEventName = LiveMessage["event"] | "delivery.changed" | "resync";

/** What this viewer is shown of one event (nothing, one message, or a call and its screen pop). */
export function messagesFor(viewer: Viewer, event: LiveEventRow, batch: LiveBatch): LiveMessage[] {
  const me = viewer.actor.id;
  switch (event.kind) {
    case "call": {
      const call = batch.calls.get(event.entityId);
      if (!call || !seesWorkOf(viewer, call.agentId)) {
        // Rung at someone else now (an inbound call routed on, a transfer): gone from this agent's screen.
        return event.userIds.includes(me) ? [{ event: "call.removed", data: { id: event.entityId } }] : [];
      }
      const { agentId: _agentId, ...dto } = call;
      const out: LiveMessage[] = [{ event: "call.updated", data: { call: dto } }];
      const pop = batch.incoming.get(call.id);
      if (pop && pop.target === me) out.push({ event: "call.incoming", data: pop.card });
      return out;
    }
    case "activity": {
      const activity = batch.activities.get(event.entityId);
      if (!activity || !seesLeadOwnedBy(viewer, activity.leadOwnerId)) return [];
      // Silent monitoring: pushed to supervisors only (the agent reads it on the timeline after the call).
      if (isMonitorEntry(activity) && !isSupervisor(viewer.actor)) return [];
      const { leadOwnerId: _owner, ...dto } = activity;
      // Another team's call on a lead a manager reads: "a call", without its details (the calls API's scope).
      const call = dto.call && viewer.actor.role === "MANAGER" && !seesWorkOf(viewer, dto.call.agent?.id ?? null) ? null : dto.call;
      return [{ event: "activity.created", data: { activity: { ...dto, call } } }];
    }
    case "lead": {
      const lead = batch.leads.get(event.entityId);
      if (lead && seesLeadOwnedBy(viewer, lead.owner?.id ?? null)) return [{ event: "lead.updated", data: { lead } }];
      // Gone from this viewer's leads (given to someone else, or erased): only those it concerned hear.
      return event.userIds.includes(me) ? [{ event: "lead.removed", data: { id: event.entityId } }] : [];
    }
    case "task": {
      const task = batch.tasks.get(event.entityId);
      if (task && seesWorkOf(viewer, task.assigneeId)) {
        const { assigneeId: _assignee, ...dto } = task;
        return [{ event: "task.updated", data: { task: dto } }];
      }
      return event.userIds.includes(me) ? [{ event: "task.removed", data: { id: event.entityId } }] : [];
    }
    case "break":
      return seesWorkOf(viewer, event.entityId) ? [{ event: "break.changed", data: { userId: event.entityId } }] : [];
    default:
      return [];
  }
}

/** One SSE frame. */
export function frame(message: { event: string; data: unknown }, id?: bigint): string {
  return `${id !== undefined ? `id: ${id}\n` : ""}event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
}
