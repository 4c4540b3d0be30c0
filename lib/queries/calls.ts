// Calls for the browser: the live call, click-to-call and hangup, outcomes, and the home page's lists.
import { mutationOptions, type QueryClient, queryOptions } from "@tanstack/react-query";
import type { CallDto } from "../calls/dto";
import type { CallListItem, listCalls } from "../calls/list";
import type { StartedCall } from "../calls/start-call";
import type { recordDisposition } from "../dispositions/service";
import { apiFetch, type Items, retryWhileNotReady, send, withQuery } from "./api";
import { leadKeys, patchTimelineCall } from "./leads";
import { taskKeys } from "./tasks";

export type CallsPage = Awaited<ReturnType<typeof listCalls>>;
export type RecordedDisposition = Awaited<ReturnType<typeof recordDisposition>>;

export const callKeys = {
  all: ["calls"] as const,
  detail: (id: string) => [...callKeys.all, "detail", id] as const,
  /** Every "calls since" list (the home page's), whatever the start. */
  sinceAll: () => [...callKeys.all, "since"] as const,
  since: (since: string) => [...callKeys.sinceAll(), since] as const,
  missedCallbacks: () => [...callKeys.all, "missed-callbacks"] as const,
  needsOutcome: () => [...callKeys.all, "needs-outcome"] as const,
  active: () => [...callKeys.all, "active"] as const,
};

export type ActiveCall = { call: CallListItem | null };

/** The signed-in user's call in progress (the call bar on every page but its lead's). */
export function activeCallOptions() {
  return queryOptions({ queryKey: callKeys.active(), queryFn: () => apiFetch<ActiveCall>("/api/v1/calls/active") });
}

/** The signed-in user's calls still waiting for an outcome. */
export function needsOutcomeOptions() {
  return queryOptions({
    queryKey: callKeys.needsOutcome(),
    queryFn: () => apiFetch<Items<CallListItem> & { total: number }>("/api/v1/calls/needs-outcome"),
  });
}

export function callOptions(id: string) {
  return queryOptions({ queryKey: callKeys.detail(id), queryFn: () => apiFetch<CallDto>(`/api/v1/calls/${id}`) });
}

export function callsSinceOptions(since: string, limit = 10) {
  return queryOptions({
    queryKey: callKeys.since(since),
    queryFn: () => apiFetch<CallsPage>(withQuery("/api/v1/calls", { since, limit })),
  });
}

export function missedCallbacksOptions() {
  return queryOptions({
    queryKey: callKeys.missedCallbacks(),
    queryFn: () => apiFetch<Items<CallListItem>>("/api/v1/calls/missed-callbacks"),
  });
}

/** Click-to-call: the lead's number clicked (default its primary), and the dialer's offer it is placed from. */
export const startCall = (leadId: string, options: { phone?: string; offerId?: string } = {}) =>
  send<StartedCall>("POST", "/api/v1/smartflo/click-to-call", { leadId, ...options });
/** The seed's contract: {call_id}, Smartflo's call id or ours. */
export const hangupCall = (callId: string) => send<CallDto>("POST", "/api/v1/smartflo/hangup", { call_id: callId });
export const recordOutcome = (
  callId: string,
  input: { dispositionId: string; note?: string; callbackAt?: string; applyLeadStatus?: boolean },
) => send<RecordedDisposition>("PUT", `/api/v1/calls/${callId}/disposition`, input);

/** Click-to-call from a lead (its chosen number, the dialer's offer): the timeline gains the call at once. */
export const startCallMutation = (leadId: string) =>
  mutationOptions({
    mutationFn: (options: { phone?: string; offerId?: string } = {}) => startCall(leadId, options),
    onSuccess: (_started, _o, _r, { client }) => {
      for (const queryKey of [leadKeys.activities(leadId), callKeys.active()]) void client.invalidateQueries({ queryKey });
    },
  });

/** Hang up: the answer is the call with its provisional end; the lead's last contact may move. */
export const hangupMutation = (leadId: string) =>
  mutationOptions({
    mutationFn: (callId: string) => hangupCall(callId),
    ...retryWhileNotReady,
    onSuccess: (ended, _id, _r, { client }) => {
      client.setQueryData(callKeys.detail(ended.id), ended);
      client.setQueryData<ActiveCall>(callKeys.active(), (old) => (old?.call?.id === ended.id ? { call: null } : old));
      void client.invalidateQueries({ queryKey: leadKeys.detail(leadId) });
    },
  });

/** An outcome (new or changed): the call, the "needs an outcome" list, the lead, its timeline and follow-ups move. */
export const recordOutcomeMutation = (callId: string, leadId: string) =>
  mutationOptions({
    mutationFn: (input: Parameters<typeof recordOutcome>[1]) => recordOutcome(callId, input),
    onSuccess: (saved, _input, _r, { client }) => {
      // The timeline says the outcome at once (its "Add outcome" goes), before the reads below answer.
      patchTimelineCall(client, leadId, callId, { disposition: saved.disposition, notes: saved.note });
      for (const queryKey of [callKeys.detail(callId), callKeys.needsOutcome(), leadKeys.detail(leadId), taskKeys.all])
        void client.invalidateQueries({ queryKey });
    },
  });

/** A call on screen reached its final state: the lead (status, last contact) is read again. */
export const callEnded = (client: QueryClient, leadId: string) => void client.invalidateQueries({ queryKey: leadKeys.detail(leadId) });
