// What the live stream carries and the queries it feeds that pages read: the event names, the
// agent's live inbound calls (the screen pop). Applying the events to the query cache is
// lib/queries/live-cache.ts, loaded by the live provider when the first event arrives.
import { queryOptions } from "@tanstack/react-query";
import type { CallerCard } from "../calls/caller";
import type { LiveEventName, LiveMessage } from "../live/messages";
import { apiFetch, type Items } from "./api";
import { callKeys } from "./calls";
import type { NewLeadWatch } from "./new-leads";

export type { CallerCard, LiveEventName, LiveMessage, NewLeadWatch };

export const liveKeys = {
  incoming: () => [...callKeys.all, "incoming"] as const,
};

/** The signed-in agent's live inbound calls (the screen pop), from the server: it survives a reload. */
export function incomingCallsOptions() {
  return queryOptions({ queryKey: liveKeys.incoming(), queryFn: () => apiFetch<Items<CallerCard>>("/api/v1/calls/incoming") });
}

export const LIVE_EVENT_NAMES: LiveEventName[] = [
  "call.updated",
  "call.incoming",
  "call.removed",
  "activity.created",
  "lead.updated",
  "lead.removed",
  "task.updated",
  "task.removed",
  "break.changed",
  "delivery.changed",
  "resync",
];
