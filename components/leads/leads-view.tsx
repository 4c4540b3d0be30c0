"use client";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputBaseClass } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch } from "@/lib/api-client";
import type { LeadDto, Page } from "@/lib/leads/dto";
import { LEAD_STATUS_LABELS, LEAD_STATUSES, type LeadStatusValue } from "@/lib/leads/schemas";
import { formatPhone } from "@/lib/phone";
import { leadKeys, userKeys } from "@/lib/query-keys";
import { formatRelative } from "../ui/format";
import { NewLeadForm } from "./new-lead-form";
import { StatusBadge } from "./status-badge";
import { useDebounced } from "./use-debounced";

type Sort = "updatedAt" | "createdAt" | "name";
/** Placeholder rows while the first page loads. */
const SKELETON_KEYS = ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7"] as const;

const SORTS: { value: string; label: string }[] = [
  { value: "updatedAt:desc", label: "Recently updated" },
  { value: "createdAt:desc", label: "Newest" },
  { value: "createdAt:asc", label: "Oldest" },
  { value: "name:asc", label: "Name A–Z" },
  { value: "name:desc", label: "Name Z–A" },
];

export function LeadsView({ canFilterOwner }: { canFilterOwner: boolean }) {
  const router = useRouter();
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<LeadStatusValue | "">("");
  const [ownerId, setOwnerId] = useState("");
  const [sortValue, setSortValue] = useState("updatedAt:desc");
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignTo, setAssignTo] = useState("");
  const queryClient = useQueryClient();
  const search = useDebounced(q.trim());
  const [sort, order] = sortValue.split(":") as [Sort, "asc" | "desc"];
  const filters = { q: search || undefined, status: status || undefined, ownerId: ownerId || undefined, sort, order };

  const leads = useInfiniteQuery({
    queryKey: leadKeys.list(filters),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: "25", sort, order });
      if (filters.q) params.set("q", filters.q);
      if (filters.status) params.set("status", filters.status);
      if (filters.ownerId) params.set("ownerId", filters.ownerId);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<Page<LeadDto>>(`/api/v1/leads?${params}`);
    },
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const users = useQuery({
    queryKey: userKeys.assignable(),
    queryFn: () => apiFetch<{ items: { id: string; name: string; role: string; assignable: boolean }[] }>("/api/v1/users"),
    enabled: canFilterOwner,
  });

  const rows = leads.data?.pages.flatMap((p) => p.items) ?? [];
  const assign = useMutation({
    mutationFn: () =>
      apiFetch<{ assigned: number; unchanged: number }>("/api/v1/leads/assign", {
        method: "POST",
        json: { leadIds: [...selected], ownerId: assignTo === "none" ? null : assignTo },
      }),
    onSuccess: () => {
      setSelected(new Set());
      setAssignTo("");
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
    },
  });
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allShownSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const exportParams = new URLSearchParams();
  if (filters.q) exportParams.set("q", filters.q);
  if (filters.status) exportParams.set("status", filters.status);
  if (filters.ownerId) exportParams.set("ownerId", filters.ownerId);
  const columns = canFilterOwner ? 6 : 5;
  const total = leads.data?.pages[0]?.total ?? 0;
  const totalLabel = `${total.toLocaleString()}${leads.data?.pages[0]?.totalCapped ? "+" : ""}`;
  const tableRef = useRef<HTMLTableSectionElement>(null);

  function onRowKeyDown(event: React.KeyboardEvent<HTMLTableRowElement>, index: number) {
    const focusRow = (i: number) => tableRef.current?.querySelectorAll<HTMLElement>("tr[data-row]")[i]?.focus();
    if (event.key === "ArrowDown") {
      event.preventDefault();
      focusRow(Math.min(index + 1, rows.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      focusRow(Math.max(index - 1, 0));
    } else if (event.key === "Enter") {
      router.push(`/leads/${rows[index]!.id}`);
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Leads</h1>
          <p className="text-sm text-slate-500" aria-live="polite">
            {leads.isPending ? "Loading…" : `${totalLabel} lead${total === 1 ? "" : "s"}`}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <a
            href={`/api/v1/leads/export?${exportParams}`}
            className="inline-flex h-9 items-center rounded-md px-3.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
            download
            data-testid="export-csv"
          >
            Export CSV
          </a>
          {canFilterOwner && (
            <Link
              href="/leads/import"
              className="inline-flex h-9 items-center rounded-md px-3.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
            >
              Import CSV
            </Link>
          )}
          <Button onClick={() => setCreating(true)}>
            <span aria-hidden>+</span> New lead
          </Button>
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-2 rounded-lg bg-white p-3 shadow-xs ring-1 ring-slate-200">
        <label className="sr-only" htmlFor="lead-search">
          Search leads
        </label>
        <input
          id="lead-search"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search name, phone or email"
          className={`${inputBaseClass} w-full max-w-xs flex-1`}
        />
        <label className="sr-only" htmlFor="lead-status">
          Status
        </label>
        <select
          id="lead-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as LeadStatusValue | "")}
          className={inputBaseClass}
        >
          <option value="">All statuses</option>
          {LEAD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {LEAD_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        {canFilterOwner && (
          <>
            <label className="sr-only" htmlFor="lead-owner">
              Owner
            </label>
            <select id="lead-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} className={inputBaseClass}>
              <option value="">All owners</option>
              {users.data?.items.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </>
        )}
        <label className="sr-only" htmlFor="lead-sort">
          Sort
        </label>
        <select id="lead-sort" value={sortValue} onChange={(e) => setSortValue(e.target.value)} className={inputBaseClass}>
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        {leads.isFetching && !leads.isFetchingNextPage && <Spinner className="size-4 text-slate-400" label="Updating" />}
      </div>

      {leads.isError && <Alert>Could not load leads: {leads.error.message}</Alert>}

      {canFilterOwner && selected.size > 0 && (
        <form
          className="flex flex-wrap items-center gap-2 rounded-lg bg-brand-50 p-3 ring-1 ring-brand-200"
          aria-label="Assign selected leads"
          onSubmit={(e) => {
            e.preventDefault();
            if (assignTo) assign.mutate();
          }}
        >
          <span className="text-sm font-medium text-brand-900" aria-live="polite">
            {selected.size.toLocaleString()} selected
          </span>
          <label className="sr-only" htmlFor="assign-to">
            Assign to
          </label>
          <select id="assign-to" value={assignTo} onChange={(e) => setAssignTo(e.target.value)} className={inputBaseClass} required>
            <option value="">Assign to…</option>
            <option value="none">Nobody (unassign)</option>
            {users.data?.items
              .filter((u) => u.assignable)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
          <Button type="submit" size="sm" loading={assign.isPending} disabled={!assignTo}>
            Assign
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear
          </Button>
          {assign.isError && (
            <span role="alert" className="text-sm text-rose-700">
              {assign.error.message}
            </span>
          )}
        </form>
      )}
      {assign.isSuccess && selected.size === 0 && (
        <Alert tone="success">
          {assign.data.assigned.toLocaleString()} lead{assign.data.assigned === 1 ? "" : "s"} reassigned
          {assign.data.unchanged ? ` (${assign.data.unchanged} already had that owner)` : ""}.
        </Alert>
      )}

      <div className="overflow-hidden rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
            <tr>
              {canFilterOwner && (
                <th scope="col" className="w-10 px-4 py-3">
                  <input
                    type="checkbox"
                    aria-label="Select all shown leads"
                    checked={allShownSelected}
                    onChange={() => setSelected(allShownSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                  />
                </th>
              )}
              <th scope="col" className="px-4 py-3">
                Name
              </th>
              <th scope="col" className="px-4 py-3">
                Phone
              </th>
              <th scope="col" className="hidden px-4 py-3 md:table-cell">
                Owner
              </th>
              <th scope="col" className="px-4 py-3">
                Status
              </th>
              <th scope="col" className="hidden px-4 py-3 sm:table-cell">
                Last contacted
              </th>
            </tr>
          </thead>
          <tbody ref={tableRef} className="divide-y divide-slate-100">
            {leads.isPending &&
              SKELETON_KEYS.map((key) => (
                <tr key={key} aria-hidden>
                  <td colSpan={columns} className="px-4 py-3">
                    <div className="h-4 animate-pulse rounded bg-slate-100" />
                  </td>
                </tr>
              ))}
            {rows.map((lead, index) => (
              <tr
                key={lead.id}
                data-row
                tabIndex={0}
                onKeyDown={(e) => onRowKeyDown(e, index)}
                onClick={() => router.push(`/leads/${lead.id}`)}
                className="cursor-pointer hover:bg-slate-50 focus:bg-brand-50 focus:outline-none"
              >
                {canFilterOwner && (
                  <td className="px-4 py-3" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
                    <input
                      type="checkbox"
                      aria-label={`Select ${lead.name}`}
                      checked={selected.has(lead.id)}
                      onChange={() => toggle(lead.id)}
                      onKeyDown={(e) => e.stopPropagation()}
                    />
                  </td>
                )}
                <td className="px-4 py-3">
                  <Link href={`/leads/${lead.id}`} tabIndex={-1} className="font-medium text-slate-900 hover:text-brand-700">
                    {lead.name}
                  </Link>
                  {lead.email && <div className="text-xs text-slate-500">{lead.email}</div>}
                </td>
                <td className="px-4 py-3 whitespace-nowrap text-slate-700 tabular-nums">{formatPhone(lead.phone)}</td>
                <td className="hidden px-4 py-3 text-slate-700 md:table-cell">
                  {lead.owner?.name ?? <span className="text-slate-400">Unassigned</span>}
                </td>
                <td className="px-4 py-3">
                  <StatusBadge status={lead.status} />
                </td>
                <td className="hidden px-4 py-3 text-slate-500 sm:table-cell">{formatRelative(lead.lastContactedAt)}</td>
              </tr>
            ))}
            {!leads.isPending && rows.length === 0 && (
              <tr>
                <td colSpan={columns} className="px-4 py-12 text-center text-slate-500">
                  {search || status || ownerId ? "No leads match these filters." : "No leads yet. Create the first one."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {rows.length > 0 && (
          <div className="flex items-center justify-between border-t border-slate-200 bg-slate-50 px-4 py-2.5 text-sm text-slate-600">
            <span>
              Showing {rows.length.toLocaleString()} of {totalLabel}
            </span>
            {leads.hasNextPage && (
              <Button variant="secondary" size="sm" loading={leads.isFetchingNextPage} onClick={() => leads.fetchNextPage()}>
                Load more
              </Button>
            )}
          </div>
        )}
      </div>

      <Dialog open={creating} onClose={() => setCreating(false)} title="New lead">
        <NewLeadForm onDone={() => setCreating(false)} />
      </Dialog>
    </div>
  );
}
