// Lead intake for the browser: API keys and inbound lead sources (admins), their deliveries, and
// the mutations with their cache effects.
import { infiniteQueryOptions, mutationOptions, queryOptions } from "@tanstack/react-query";
import type { CreateApiKeyInput } from "../api-keys/schemas";
import type { createApiKey, listApiKeys } from "../api-keys/service";
import type { WebFormInput } from "../intake/form-schemas";
import type { UpdateLeadSourceInput } from "../intake/schemas";
import type { createLeadSource, listDeliveries, listLeadSources, renewLeadSourceUrl } from "../intake/sources";
import { apiFetch, type Json, send, withQuery } from "./api";

export type ApiKeyItem = Json<Awaited<ReturnType<typeof listApiKeys>>["items"][number]>;
export type NewApiKey = Json<Awaited<ReturnType<typeof createApiKey>>>;
export type LeadSourceItem = Json<Awaited<ReturnType<typeof listLeadSources>>["items"][number]>;
export type NewLeadSource = Awaited<ReturnType<typeof createLeadSource>>;
export type LeadDeliveryItem = Json<Awaited<ReturnType<typeof listDeliveries>>["items"][number]>;

export const intakeKeys = {
  all: ["intake"] as const,
  apiKeys: () => [...intakeKeys.all, "api-keys"] as const,
  sources: () => [...intakeKeys.all, "sources"] as const,
  deliveries: (sourceId: string) => [...intakeKeys.all, "deliveries", sourceId] as const,
};

export const apiKeysOptions = () =>
  queryOptions({ queryKey: intakeKeys.apiKeys(), queryFn: () => apiFetch<{ items: ApiKeyItem[] }>("/api/v1/api-keys") });

/** Deliveries arrive from outside with no live event of their own: the list is read again every 15 s while on screen. */
export const leadSourcesOptions = () =>
  queryOptions({
    queryKey: intakeKeys.sources(),
    queryFn: () => apiFetch<{ items: LeadSourceItem[] }>("/api/v1/lead-sources"),
    refetchInterval: 15_000,
  });

export const deliveriesOptions = (sourceId: string) =>
  infiniteQueryOptions({
    queryKey: intakeKeys.deliveries(sourceId),
    queryFn: ({ pageParam }) =>
      apiFetch<{ items: LeadDeliveryItem[]; nextCursor: string | null }>(
        withQuery(`/api/v1/lead-sources/${sourceId}/deliveries`, { limit: 20, cursor: pageParam }),
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 15_000,
  });

export const createApiKeyMutation = () =>
  mutationOptions({
    mutationFn: (input: CreateApiKeyInput | Json<CreateApiKeyInput>) => send<NewApiKey>("POST", "/api/v1/api-keys", input),
    onSuccess: (_k, _v, _r, { client }) => void client.invalidateQueries({ queryKey: intakeKeys.apiKeys() }),
  });
export const revokeApiKeyMutation = () =>
  mutationOptions({
    mutationFn: (id: string) => send<{ id: string }>("DELETE", `/api/v1/api-keys/${id}`),
    onSuccess: (_k, _v, _r, { client }) => client.invalidateQueries({ queryKey: intakeKeys.apiKeys() }),
  });

export const createLeadSourceMutation = () =>
  mutationOptions({
    mutationFn: (name: string) => send<NewLeadSource>("POST", "/api/v1/lead-sources", { name }),
    onSuccess: (_s, _v, _r, { client }) => void client.invalidateQueries({ queryKey: intakeKeys.sources() }),
  });
export const renewLeadSourceUrlMutation = () =>
  mutationOptions({
    mutationFn: (id: string) => send<Awaited<ReturnType<typeof renewLeadSourceUrl>>>("POST", `/api/v1/lead-sources/${id}/url`),
  });
export const updateLeadSourceMutation = (id: string) =>
  mutationOptions({
    mutationFn: (input: UpdateLeadSourceInput) => send<LeadSourceItem>("PATCH", `/api/v1/lead-sources/${id}`, input),
    onSuccess: (_s, _v, _r, { client }) => client.invalidateQueries({ queryKey: intakeKeys.sources() }),
  });
export const replayLeadDeliveryMutation = (sourceId: string) =>
  mutationOptions({
    mutationFn: (id: string) => send<{ status: string }>("POST", `/api/v1/lead-deliveries/${id}/replay`),
    onSuccess: (_d, _v, _r, { client }) => {
      void client.invalidateQueries({ queryKey: intakeKeys.deliveries(sourceId) });
      void client.invalidateQueries({ queryKey: intakeKeys.sources() });
    },
  });

export const saveWebFormMutation = (sourceId: string) =>
  mutationOptions({
    mutationFn: (input: Json<WebFormInput>) =>
      send<NonNullable<LeadSourceItem["form"]>>("PUT", `/api/v1/lead-sources/${sourceId}/form`, input),
    onSuccess: (_s, _v, _r, { client }) => client.invalidateQueries({ queryKey: intakeKeys.sources() }),
  });
export const deleteWebFormMutation = (sourceId: string) =>
  mutationOptions({
    mutationFn: () => send<null>("DELETE", `/api/v1/lead-sources/${sourceId}/form`),
    onSuccess: (_s, _v, _r, { client }) => client.invalidateQueries({ queryKey: intakeKeys.sources() }),
  });
