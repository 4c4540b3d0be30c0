// The audit log for the admin page: typed fetchers and query options.
import { infiniteQueryOptions } from "@tanstack/react-query";
import type { AuditAction } from "../audit/actions";
import type { listAuditEvents } from "../audit/service";
import { apiFetch } from "./api";

export type AuditPage = Awaited<ReturnType<typeof listAuditEvents>>;
export type AuditFilters = { actorId?: string; action?: AuditAction | ""; targetId?: string };

export const auditKeys = {
  all: ["audit"] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, "list", filters] as const,
};

export function auditListOptions(filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam }) => {
      const qs = new URLSearchParams({ limit: "50" });
      if (filters.actorId) qs.set("actorId", filters.actorId);
      if (filters.action) qs.set("action", filters.action);
      if (filters.targetId?.trim()) qs.set("targetId", filters.targetId.trim());
      if (pageParam) qs.set("cursor", pageParam);
      return apiFetch<AuditPage>(`/api/v1/audit?${qs}`);
    },
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
