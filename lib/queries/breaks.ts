// Breaks for the browser: the reasons, the signed-in user's break, starting and ending it.
import { mutationOptions, type QueryClient, queryOptions } from "@tanstack/react-query";
import type { BreakDto } from "../breaks/service";
import { apiFetch, type Items, send } from "./api";
import { dialerKeys } from "./keys";

export type BreakReason = { id: string; name: string; smartfloCode: string | null; active: boolean; sortOrder: number };
export type { BreakDto };

export const breakKeys = {
  all: ["breaks"] as const,
  mine: () => [...breakKeys.all, "me"] as const,
  reasons: (all: boolean) => [...breakKeys.all, "reasons", all] as const,
};

export const myBreakOptions = () =>
  queryOptions({ queryKey: breakKeys.mine(), queryFn: () => apiFetch<{ break: BreakDto | null }>("/api/v1/breaks/me") });

export const breakReasonsOptions = (all = false) =>
  queryOptions({
    queryKey: breakKeys.reasons(all),
    queryFn: () => apiFetch<Items<BreakReason>>(`/api/v1/breaks/reasons${all ? "?all=1" : ""}`),
  });

export const startBreak = (reasonId: string) => send<{ break: BreakDto }>("POST", "/api/v1/breaks/me", { reasonId });
export const endBreak = () => send<{ break: BreakDto }>("DELETE", "/api/v1/breaks/me", {});
export const saveBreakReason = (input: Partial<Omit<BreakReason, "id">>, id?: string) =>
  id ? send<BreakReason>("PATCH", `/api/v1/breaks/reasons/${id}`, input) : send<BreakReason>("POST", "/api/v1/breaks/reasons", input);
export const importSmartfloBreaks = () => send<{ created: number; updated: number }>("POST", "/api/v1/breaks/reasons/smartflo");

/** A break started or ended: the user's break and the dialer (which pauses on a break) are read again. */
const breakChanged = (client: QueryClient) => {
  void client.invalidateQueries({ queryKey: breakKeys.all });
  void client.invalidateQueries({ queryKey: dialerKeys.session() });
};
export const startBreakMutation = () =>
  mutationOptions({ mutationFn: startBreak, onSuccess: (_b, _id, _r, { client }) => breakChanged(client) });
export const endBreakMutation = () =>
  mutationOptions({ mutationFn: endBreak, onSuccess: (_b, _v, _r, { client }) => breakChanged(client) });

/** An admin's change to a reason (or a new one, without `id`). */
export const saveBreakReasonMutation = (id?: string) =>
  mutationOptions({
    mutationFn: (input: Partial<Omit<BreakReason, "id">>) => saveBreakReason(input, id),
    onSettled: (_d, _e, _v, _r, { client }) => client.invalidateQueries({ queryKey: breakKeys.all }),
  });
export const importSmartfloBreaksMutation = () =>
  mutationOptions({
    mutationFn: importSmartfloBreaks,
    onSuccess: (_d, _v, _r, { client }) => client.invalidateQueries({ queryKey: breakKeys.all }),
  });
