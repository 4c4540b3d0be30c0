// Admin settings for the browser: telephony status and checks, test deliveries, the delivery log,
// Sync calls runs, and round-robin assignment.
import { infiniteQueryOptions, mutationOptions, queryOptions } from "@tanstack/react-query";
import type { getRoundRobin } from "../leads/assign";
import type { TestDeliveryInput } from "../settings/schemas";
import type { checkConnection, sendTestDelivery, telephonyStatus } from "../settings/telephony";
import type { getReconcileRun } from "../smartflo/reconcile";
import type { ReconcileRangeInput } from "../smartflo/schemas";
import type { listWebhookEvents } from "../webhooks/deliveries";
import type { ProcessOutcome } from "../webhooks/process";
import type { LinkWebhookEventInput } from "../webhooks/schemas";
import { apiFetch, type Json, send, withQuery } from "./api";
import { settingsKeys } from "./keys";

export { settingsKeys };

export type TelephonyStatus = Awaited<ReturnType<typeof telephonyStatus>>;
export type ConnectionCheck = Awaited<ReturnType<typeof checkConnection>>;
export type TestDeliveryResult = Awaited<ReturnType<typeof sendTestDelivery>>;
export type WebhookEventsPage = Awaited<ReturnType<typeof listWebhookEvents>>;
export type WebhookEventItem = WebhookEventsPage["items"][number];
/** A run as the route answers it (dates as ISO strings). */
export type ReconcileRun = Json<Awaited<ReturnType<typeof getReconcileRun>>>;
export type RoundRobin = Awaited<ReturnType<typeof getRoundRobin>>;

export function telephonyStatusOptions() {
  return queryOptions({ queryKey: settingsKeys.telephony(), queryFn: () => apiFetch<TelephonyStatus>("/api/v1/settings/telephony") });
}

export const DELIVERY_PAGE_SIZE = 25;

export function webhookEventsOptions(status: string) {
  return infiniteQueryOptions({
    queryKey: settingsKeys.events(status),
    queryFn: ({ pageParam }) =>
      apiFetch<WebhookEventsPage>(withQuery("/api/v1/webhook-events", { limit: DELIVERY_PAGE_SIZE, status, cursor: pageParam })),
    initialPageParam: "",
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
}

export function reconcileRunOptions(runId: string) {
  return queryOptions({ queryKey: settingsKeys.reconcile(runId), queryFn: () => apiFetch<ReconcileRun>(`/api/v1/reconcile/${runId}`) });
}

export function roundRobinOptions() {
  return queryOptions({ queryKey: settingsKeys.roundRobin(), queryFn: () => apiFetch<RoundRobin>("/api/v1/settings/round-robin") });
}

export const checkTelephony = () => send<ConnectionCheck>("POST", "/api/v1/settings/telephony/check");
export const sendTestWebhook = (input: TestDeliveryInput) =>
  send<TestDeliveryResult>("POST", "/api/v1/settings/telephony/test-delivery", input);
export const replayDelivery = (id: string) => send<ProcessOutcome>("POST", `/api/v1/webhook-events/${id}/replay`);
export const linkDelivery = (id: string, input: LinkWebhookEventInput) =>
  send<{ status: string; callId: string; leadId: string | null }>("POST", `/api/v1/webhook-events/${id}/link`, input);
export const startReconcile = (input: ReconcileRangeInput) => send<ReconcileRun>("POST", "/api/v1/reconcile", input);
export const setRoundRobin = (enabled: boolean) => send<RoundRobin>("PUT", "/api/v1/settings/round-robin", { enabled });

/** A test delivery, a replay or a link changes the delivery log and the telephony status. */
export const deliveryMutation = <TData, TVariables>(mutationFn: (variables: TVariables) => Promise<TData>) =>
  mutationOptions({
    mutationFn,
    onSuccess: (_d, _v, _r, { client }) => void client.invalidateQueries({ queryKey: settingsKeys.all }),
  });
export const setRoundRobinMutation = () =>
  mutationOptions({
    mutationFn: setRoundRobin,
    onSuccess: (saved, _v, _r, { client }) => client.setQueryData(settingsKeys.roundRobin(), saved),
  });
