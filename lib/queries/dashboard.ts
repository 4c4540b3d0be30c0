// The team dashboard for the browser.
import { queryOptions } from "@tanstack/react-query";
import type { dashboard } from "../dashboard/service";
import type { SpeedToLead } from "../dashboard/speed";
import { apiFetch, withQuery } from "./api";

export type DashboardData = Awaited<ReturnType<typeof dashboard>>;
export type SpeedToLeadData = SpeedToLead;

export const dashboardKeys = {
  all: ["dashboard"] as const,
  range: (from: string, to: string) => [...dashboardKeys.all, from, to] as const,
  speedToLead: (from: string, to: string) => [...dashboardKeys.all, "speed-to-lead", from, to] as const,
};

export function dashboardOptions(from: string, to: string) {
  return queryOptions({
    queryKey: dashboardKeys.range(from, to),
    queryFn: () => apiFetch<DashboardData>(withQuery("/api/v1/dashboard", { from, to })),
  });
}

export function speedToLeadOptions(from: string, to: string) {
  return queryOptions({
    queryKey: dashboardKeys.speedToLead(from, to),
    queryFn: () => apiFetch<SpeedToLeadData>(withQuery("/api/v1/dashboard/speed-to-lead", { from, to })),
  });
}
