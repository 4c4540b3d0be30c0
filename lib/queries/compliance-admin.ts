// Compliance for the admins' pages: the settings, the DNC list and data requests (apart from
// compliance.ts, the lead's side, which every lead page loads).
import { infiniteQueryOptions, mutationOptions, type QueryClient, queryOptions } from "@tanstack/react-query";
import type { ComplianceSettings } from "../compliance/schemas";
import { apiFetch, send, withQuery } from "./api";

export type { ComplianceSettings };
export type DncItem = {
  id: string;
  phone: string | null;
  display: string;
  reason: string;
  source: string;
  sourceLabel: string;
  createdAt: string;
  createdBy: string | null;
};

export const complianceKeys = {
  all: ["compliance"] as const,
  settings: () => [...complianceKeys.all, "settings"] as const,
  dncAll: () => [...complianceKeys.all, "dnc"] as const,
  dnc: (q: string) => [...complianceKeys.dncAll(), q] as const,
  personAll: () => [...complianceKeys.all, "person"] as const,
  person: (q: string) => [...complianceKeys.personAll(), q] as const,
};

export const complianceSettingsOptions = () =>
  queryOptions({ queryKey: complianceKeys.settings(), queryFn: () => apiFetch<ComplianceSettings>("/api/v1/settings/compliance") });

export const saveComplianceSettings = (patch: Partial<ComplianceSettings>) =>
  send<ComplianceSettings>("PUT", "/api/v1/settings/compliance", patch);

export const dncListOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: complianceKeys.dnc(q),
    queryFn: ({ pageParam }) =>
      apiFetch<{ items: DncItem[]; nextCursor: string | null; total: number }>(
        withQuery("/api/v1/dnc", { q: q || undefined, cursor: pageParam }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const addDnc = (phone: string, reason: string) => send<DncItem>("POST", "/api/v1/dnc", { phone, reason });
export const removeDnc = (phone: string) => send<{ ok: true }>("DELETE", `/api/v1/dnc/${encodeURIComponent(phone)}`, {});
export const importDnc = (csv: string, reason: string) =>
  send<{
    rows: number;
    added: number;
    alreadyListed: number;
    duplicates: number;
    invalidCount: number;
    invalid: { line: number; value: string }[];
  }>("POST", "/api/v1/dnc/import", { csv, reason });
export const pushDnc = (dryRun: boolean) =>
  send<{ dryRun: boolean; listed: number; alreadyAtSmartflo: number; toPush: number; pushed: number; left: number }>(
    "POST",
    "/api/v1/dnc/push",
    {
      dryRun,
    },
  );

export type PersonMatch = { id: string; name: string; phone: string; email: string | null; calls: number };
export const findPersonOptions = (q: string) =>
  queryOptions({
    queryKey: complianceKeys.person(q),
    queryFn: () =>
      apiFetch<{ items: PersonMatch[]; phone: string | null; unmatchedCalls: number }>(withQuery("/api/v1/privacy/search", { q })),
    enabled: q.trim().length >= 3,
  });
export const erasePerson = (subject: { phone?: string; leadId?: string }, confirm: string) =>
  send<{ leadId: string | null; erased: Record<string, number> }>("POST", "/api/v1/privacy/erase", { ...subject, confirm });

export const saveComplianceSettingsMutation = () =>
  mutationOptions({
    mutationFn: saveComplianceSettings,
    onSuccess: (saved, _v, _r, { client }) => client.setQueryData(complianceKeys.settings(), saved),
  });

/** Adding, removing or importing do-not-call numbers: every page of the list is read again. */
export const dncMutation = <TData, TVariables>(mutationFn: (variables: TVariables) => Promise<TData>) =>
  mutationOptions({
    mutationFn,
    onSuccess: (_d, _v, _r, { client }) => client.invalidateQueries({ queryKey: complianceKeys.dncAll() }),
  });

/**
 * After an erasure the person search no longer finds what was erased. Called when the erasure's
 * dialog closes (its result stays on screen until then, above the search that found the person).
 */
export const personErased = (client: QueryClient) => void client.invalidateQueries({ queryKey: complianceKeys.personAll() });
