// Outgoing webhooks for the browser (admins): endpoints, their delivery logs, and the mutations
// with their cache effects.
import { infiniteQueryOptions, mutationOptions, queryOptions } from "@tanstack/react-query";
import type { createWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, sendTestEvent } from "../outbound/endpoints";
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from "../outbound/schemas";
import { apiFetch, type Json, send, withQuery } from "./api";

export type WebhookEndpointItem = Json<Awaited<ReturnType<typeof listWebhookEndpoints>>["items"][number]>;
export type NewWebhookEndpoint = Json<Awaited<ReturnType<typeof createWebhookEndpoint>>>;
export type WebhookDeliveryItem = Json<Awaited<ReturnType<typeof listWebhookDeliveries>>["items"][number]>;
export type TryAnswer = Json<Awaited<ReturnType<typeof sendTestEvent>>>;

export const outboundKeys = {
  all: ["outbound"] as const,
  endpoints: () => [...outboundKeys.all, "endpoints"] as const,
  deliveries: (endpointId: string) => [...outboundKeys.all, "deliveries", endpointId] as const,
};

/** Deliveries are sent in the background: endpoints and logs are read again every 10 s while on screen. */
export const webhookEndpointsOptions = () =>
  queryOptions({
    queryKey: outboundKeys.endpoints(),
    queryFn: () => apiFetch<{ items: WebhookEndpointItem[] }>("/api/v1/webhook-endpoints"),
    refetchInterval: 10_000,
  });

export const webhookDeliveriesOptions = (endpointId: string) =>
  infiniteQueryOptions({
    queryKey: outboundKeys.deliveries(endpointId),
    queryFn: ({ pageParam }) =>
      apiFetch<{ items: WebhookDeliveryItem[]; nextCursor: string | null }>(
        withQuery(`/api/v1/webhook-endpoints/${endpointId}/deliveries`, { limit: 20, cursor: pageParam }),
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 10_000,
  });

const refreshAll = (client: { invalidateQueries: (f: { queryKey: readonly unknown[] }) => Promise<void> }) =>
  client.invalidateQueries({ queryKey: outboundKeys.all });

export const createWebhookEndpointMutation = () =>
  mutationOptions({
    mutationFn: (input: Json<CreateWebhookEndpointInput>) => send<NewWebhookEndpoint>("POST", "/api/v1/webhook-endpoints", input),
    onSuccess: (_e, _v, _r, { client }) => void refreshAll(client),
  });
export const updateWebhookEndpointMutation = (id: string) =>
  mutationOptions({
    mutationFn: (input: Json<UpdateWebhookEndpointInput>) => send<WebhookEndpointItem>("PATCH", `/api/v1/webhook-endpoints/${id}`, input),
    onSuccess: (_e, _v, _r, { client }) => refreshAll(client),
  });
export const deleteWebhookEndpointMutation = (id: string) =>
  mutationOptions({
    mutationFn: () => send<null>("DELETE", `/api/v1/webhook-endpoints/${id}`),
    onSuccess: (_e, _v, _r, { client }) => refreshAll(client),
  });
export const rotateWebhookSecretMutation = (id: string) =>
  mutationOptions({
    mutationFn: () => send<NewWebhookEndpoint>("POST", `/api/v1/webhook-endpoints/${id}/secret`),
    onSuccess: (_e, _v, _r, { client }) => void refreshAll(client),
  });
export const sendTestEventMutation = (id: string) =>
  mutationOptions({
    mutationFn: () => send<TryAnswer>("POST", `/api/v1/webhook-endpoints/${id}/test`),
    onSuccess: (_e, _v, _r, { client }) => void refreshAll(client),
  });
export const replayWebhookDeliveryMutation = () =>
  mutationOptions({
    mutationFn: (id: string) => send<TryAnswer>("POST", `/api/v1/webhook-deliveries/${id}/replay`),
    onSuccess: (_e, _v, _r, { client }) => void refreshAll(client),
  });
