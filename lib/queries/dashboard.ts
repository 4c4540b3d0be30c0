// The team dashboard for the browser.
import { queryOptions } from "@tanstack/react-query";
import type { dashboard } from "../dashboard/service";
import { apiFetch, withQuery } from "./api";

export type DashboardData = Awaited<ReturnType<typeof dashboard>>;

export const dashboardKeys = {
  all: ["dashboard"] as const,
  range: (from: string, to: string) => [...dashboardKeys.all, from, to] as const,
};

export function dashboardOptions(from: string, to: string) {
  return queryOptions({
    queryKey: dashboardKeys.range(from, to),
    queryFn: () => apiFetch<DashboardData>(withQuery("/api/v1/dashboard", { from, to })),
  });
}
