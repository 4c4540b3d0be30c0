"use client";
// The lead list's filters, search and sort live in the URL (/leads?q=…&status=…&owner=…&sort=…),
// so a filtered list can be linked, survives a reload, and Back/Forward step through filters.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { LEAD_SORTS } from "@/lib/leads/schemas";
import { LEAD_STATUSES, type LeadStatusValue } from "@/lib/leads/status-labels";
import type { LeadListFilters } from "@/lib/queries/leads";

export const SORT_OPTIONS = [
  { value: "updatedAt:desc", label: "Recently updated" },
  { value: "createdAt:desc", label: "Newest" },
  { value: "createdAt:asc", label: "Oldest" },
  { value: "name:asc", label: "Name A–Z" },
  { value: "name:desc", label: "Name Z–A" },
] as const;
const DEFAULT_SORT = SORT_OPTIONS[0].value;
/** A custom field's sort: "f.<key>:asc". */
const FIELD_SORT = /^f\.[a-z][a-z0-9_]{0,39}:(asc|desc)$/;

/** The sort options a custom field adds, in words that fit its kind. */
export function fieldSortOptions(defs: { key: string; label: string; type: string; archivedAt: unknown }[]) {
  const words: Record<string, [string, string]> = { NUMBER: ["lowest first", "highest first"], DATE: ["earliest first", "latest first"] };
  return defs
    .filter((d) => !d.archivedAt && d.type !== "MULTI_SELECT" && d.type !== "LONG_TEXT")
    .flatMap((d) => {
      const [up, down] = words[d.type] ?? ["A–Z", "Z–A"];
      return [
        { value: `f.${d.key}:asc`, label: `${d.label}: ${up}` },
        { value: `f.${d.key}:desc`, label: `${d.label}: ${down}` },
      ];
    });
}

export interface LeadFilterState {
  q: string;
  status: LeadStatusValue | "";
  ownerId: string;
  /** "field:order", one of SORT_OPTIONS. */
  sort: string;
  /** Custom field filters by key (?f.<key>=…). */
  fields: Record<string, string>;
}

function read(params: URLSearchParams): LeadFilterState {
  const status = params.get("status") ?? "";
  const sort = params.get("sort") ?? DEFAULT_SORT;
  return {
    q: params.get("q") ?? "",
    status: (LEAD_STATUSES as readonly string[]).includes(status) ? (status as LeadStatusValue) : "",
    ownerId: params.get("owner") ?? "",
    sort: SORT_OPTIONS.some((o) => o.value === sort) || FIELD_SORT.test(sort) ? sort : DEFAULT_SORT,
    fields: Object.fromEntries([...params].filter(([k, v]) => k.startsWith("f.") && v).map(([k, v]) => [k.slice(2), v])),
  };
}

/** The state as the API's filters (empty ones left out). */
export function toApiFilters(state: LeadFilterState): LeadListFilters {
  const [sort, order] = state.sort.split(":") as [(typeof LEAD_SORTS)[number] | `f.${string}`, "asc" | "desc"];
  const fields = Object.keys(state.fields).length ? state.fields : undefined;
  return { q: state.q.trim() || undefined, status: state.status || undefined, ownerId: state.ownerId || undefined, sort, order, fields };
}

export function useLeadFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => read(new URLSearchParams(params.toString())), [params]);
  /** Changes some filters: a new history entry (Back returns to the old filters), or a replacement while typing. */
  const update = useCallback(
    (patch: Partial<LeadFilterState>, { replace = false } = {}) => {
      const next = { ...read(new URLSearchParams(params.toString())), ...patch };
      const qs = new URLSearchParams();
      if (next.q.trim()) qs.set("q", next.q.trim());
      if (next.status) qs.set("status", next.status);
      if (next.ownerId) qs.set("owner", next.ownerId);
      if (next.sort !== DEFAULT_SORT) qs.set("sort", next.sort);
      for (const [k, v] of Object.entries(next.fields)) if (v) qs.set(`f.${k}`, v);
      const url = qs.size ? `${pathname}?${qs}` : pathname;
      if (replace) router.replace(url, { scroll: false });
      else router.push(url, { scroll: false });
    },
    [params, pathname, router],
  );
  return { state, update, filtered: Boolean(state.q || state.status || state.ownerId || Object.keys(state.fields).length) };
}
