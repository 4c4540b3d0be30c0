// The preview dialer, campaigns and our own numbers for the browser.
import { mutationOptions, type QueryClient, queryOptions } from "@tanstack/react-query";
import type { getCampaign, listCampaigns } from "../dialer/campaigns";
import type { DialerState } from "../dialer/sessions";
import type { DialerSettings } from "../dialer/settings";
import type { listOwnNumbers } from "../telephony/own-numbers";
import { apiFetch, type Json, send } from "./api";
import { dialerKeys } from "./keys";

export { dialerKeys };

export type DialerView = Json<DialerState>;
export type DialerOffer = NonNullable<DialerView["offer"]>;
export type CampaignDto = Json<Awaited<ReturnType<typeof getCampaign>>>;
export type CampaignListItem = Json<Awaited<ReturnType<typeof listCampaigns>>["items"][number]>;
export type OwnNumbers = Awaited<ReturnType<typeof listOwnNumbers>>;

export const dialerSessionOptions = () =>
  queryOptions({ queryKey: dialerKeys.session(), queryFn: () => apiFetch<DialerView>("/api/v1/dialer/session") });

export type StartSessionInput =
  | { source: "FOLLOW_UPS" }
  | { source: "FILTER"; filter: { status?: string; source?: string; notContactedDays?: number } }
  | { source: "CAMPAIGN"; campaignId: string };

export const startDialerSession = (input: StartSessionInput) => send<DialerView>("POST", "/api/v1/dialer/session", input);
export const endDialerSession = (id: string) => send<void>("DELETE", `/api/v1/dialer/session/${id}`);
export const nextDialerLead = (id: string) => send<DialerView>("POST", `/api/v1/dialer/session/${id}/next`);
export const skipOffer = (id: string) => send<DialerView>("POST", `/api/v1/dialer/offers/${id}/skip`);
export const snoozeOffer = (id: string, minutes: number) => send<DialerView>("POST", `/api/v1/dialer/offers/${id}/snooze`, { minutes });

export const dialerSettingsOptions = () =>
  queryOptions({ queryKey: dialerKeys.settings(), queryFn: () => apiFetch<DialerSettings>("/api/v1/settings/dialer") });
export const saveDialerSettings = (input: DialerSettings) => send<DialerSettings>("PUT", "/api/v1/settings/dialer", input);

export const campaignsOptions = () =>
  queryOptions({ queryKey: dialerKeys.campaigns(), queryFn: () => apiFetch<{ items: CampaignListItem[] }>("/api/v1/campaigns") });

export interface CreateCampaignInput {
  name: string;
  agentIds: string[];
  leadFilter?: { status?: string; source?: string; notContactedDays?: number; ownerId?: string };
  phones?: string[];
  startsAt?: string | null;
  endsAt?: string | null;
  maxAttempts: number;
  retryGapMinutes: number;
}
export const createCampaign = (input: CreateCampaignInput) => send<CampaignDto & { unmatched: number }>("POST", "/api/v1/campaigns", input);
export const updateCampaign = (id: string, patch: { status?: "ACTIVE" | "PAUSED" | "ENDED"; name?: string }) =>
  send<CampaignDto>("PATCH", `/api/v1/campaigns/${id}`, patch);

export const ownNumbersOptions = () =>
  queryOptions({ queryKey: dialerKeys.ownNumbers(), queryFn: () => apiFetch<OwnNumbers>("/api/v1/settings/own-numbers") });
export const addOwnNumber = (input: { number: string; label?: string }) => send("POST", "/api/v1/settings/own-numbers", input);
export const removeOwnNumber = (id: string) => send<void>("DELETE", `/api/v1/settings/own-numbers/${id}`);
export const syncOwnNumbers = () => send<{ added: number }>("POST", "/api/v1/settings/own-numbers/sync");

/** A dialer step (start, next, skip, snooze): its answer is the session as it now stands. */
export const dialerStepMutation = <TVariables = void>(step: (variables: TVariables) => Promise<DialerView>) =>
  mutationOptions({
    mutationFn: step,
    onSuccess: (view, _v, _r, { client }) => client.setQueryData(dialerKeys.session(), view),
  });
/** A call placed from the offer: the session (the offer's state) is read again. */
export const dialerSessionChanged = (client: QueryClient) => void client.invalidateQueries({ queryKey: dialerKeys.session() });
export const endDialerSessionMutation = () =>
  mutationOptions({
    mutationFn: endDialerSession,
    onSuccess: (_d, _id, _r, { client }) => client.invalidateQueries({ queryKey: dialerKeys.session() }),
  });
export const saveDialerSettingsMutation = () =>
  mutationOptions({
    mutationFn: saveDialerSettings,
    onSuccess: (saved, _v, _r, { client }) => client.setQueryData(dialerKeys.settings(), saved),
  });

export const createCampaignMutation = () =>
  mutationOptions({
    mutationFn: createCampaign,
    onSuccess: (_c, _v, _r, { client }) => void client.invalidateQueries({ queryKey: dialerKeys.campaigns() }),
  });
export const updateCampaignMutation = (id: string) =>
  mutationOptions({
    mutationFn: (patch: Parameters<typeof updateCampaign>[1]) => updateCampaign(id, patch),
    onSuccess: (_c, _v, _r, { client }) => client.invalidateQueries({ queryKey: dialerKeys.campaigns() }),
  });

/** Adding, removing or syncing our own numbers: the list is read again. */
export const ownNumbersMutation = <TData, TVariables>(mutationFn: (variables: TVariables) => Promise<TData>) =>
  mutationOptions({
    mutationFn,
    onSuccess: (_d, _v, _r, { client }) => client.invalidateQueries({ queryKey: dialerKeys.ownNumbers() }),
  });
