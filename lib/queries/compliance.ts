// Compliance for the browser, on a lead: its callability and consent (the lead page, the call
// button). The admins' settings, the DNC list and data requests: compliance-admin.ts.
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { LeadCompliance } from "../compliance/lead";
import type { CallingHoursNow } from "../compliance/now";
import { apiFetch, send } from "./api";
import { leadKeys } from "./leads";

export type { LeadCompliance };

export const leadComplianceOptions = (leadId: string) =>
  queryOptions({
    queryKey: leadKeys.compliance(leadId),
    queryFn: () => apiFetch<LeadCompliance>(`/api/v1/leads/${leadId}/compliance`),
    // The calling window opens and closes by the clock.
    refetchInterval: 60_000,
  });

/** Whether calls are allowed now (one read shared by every Call button on a page). */
export const callingHoursOptions = () =>
  queryOptions({
    queryKey: ["compliance", "hours"] as const,
    queryFn: () => apiFetch<CallingHoursNow>("/api/v1/compliance/hours"),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });

export const updateConsent = (leadId: string, input: Record<string, unknown>) =>
  send<LeadCompliance>("PUT", `/api/v1/leads/${leadId}/consent`, input);
export const grantOverride = (leadId: string, reason: string) =>
  send<{ expiresAt: string }>("POST", "/api/v1/compliance/overrides", { leadId, reason });

/** Consent recorded or a one-off override granted: the lead (and its calling rules) are read again. */
export const leadConsentMutation = <TData, TVariables>(leadId: string, mutationFn: (variables: TVariables) => Promise<TData>) =>
  mutationOptions({
    mutationFn,
    onSuccess: (_d, _v, _r, { client }) => client.invalidateQueries({ queryKey: leadKeys.detail(leadId) }),
  });
