// The integrations page for the browser (admins): each connector's status, and the mutations with their cache effects.
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { listIntegrations, rotateGoogleKey, sendTestLead, syncNow } from "../connectors/admin";
import { apiFetch, type Json, send } from "./api";

export type IntegrationItem = Json<Awaited<ReturnType<typeof listIntegrations>>["items"][number]>;
export type TestLeadAnswer = Json<Awaited<ReturnType<typeof sendTestLead>>>;
export type SyncAnswer = Json<Awaited<ReturnType<typeof syncNow>>>;
export type NewGoogleKey = Json<Awaited<ReturnType<typeof rotateGoogleKey>>>;

export const integrationKeys = { all: ["integrations"] as const };

/** Leads arrive in the background: read again every 5 s while on screen. */
export const integrationsOptions = () =>
  queryOptions({
    queryKey: integrationKeys.all,
    queryFn: () => apiFetch<{ simulator: boolean; items: IntegrationItem[] }>("/api/v1/integrations"),
    refetchInterval: 5_000,
  });

const refresh = (client: { invalidateQueries: (f: { queryKey: readonly unknown[] }) => Promise<void> }) =>
  client.invalidateQueries({ queryKey: integrationKeys.all });

export const updateIntegrationMutation = (slug: string) =>
  mutationOptions({
    mutationFn: (input: { enabled?: boolean; secrets?: Record<string, string | null> }) =>
      send<IntegrationItem>("PATCH", `/api/v1/integrations/${slug}`, input),
    onSuccess: (_d, _v, _r, { client }) => refresh(client),
  });
export const testLeadMutation = (slug: string) =>
  mutationOptions({
    mutationFn: () => send<TestLeadAnswer>("POST", `/api/v1/integrations/${slug}/test`),
    onSuccess: (_d, _v, _r, { client }) => refresh(client),
  });
export const syncIntegrationMutation = (slug: string) =>
  mutationOptions({
    mutationFn: () => send<SyncAnswer>("POST", `/api/v1/integrations/${slug}/sync`),
    onSuccess: (_d, _v, _r, { client }) => refresh(client),
  });
export const rotateGoogleKeyMutation = () =>
  mutationOptions({
    mutationFn: () => send<NewGoogleKey>("POST", "/api/v1/integrations/google-ads/key"),
    onSuccess: (_d, _v, _r, { client }) => refresh(client),
  });
export const formMappingMutation = (formId: string) =>
  mutationOptions({
    mutationFn: (mapping: Record<string, string>) =>
      send<{ formId: string }>("PUT", `/api/v1/integrations/meta/forms/${formId}`, { mapping }),
    onSuccess: (_d, _v, _r, { client }) => refresh(client),
  });
