// Breaks for the browser: the reasons, the signed-in user's break, starting and ending it.
import { queryOptions } from "@tanstack/react-query";
import type { BreakDto } from "../breaks/service";
import { apiFetch, type Items, send } from "./api";

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
