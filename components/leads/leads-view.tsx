"use client";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputBaseClass } from "@/components/ui/field";
import { formatCount } from "@/components/ui/format";
import { lazyComponent } from "@/components/ui/lazy";
// The lead list: search, status, owner and sort (kept in the URL), infinite pages, CSV export and
// import, bulk assignment for supervisors, and a new-lead dialog.
import { Options } from "@/components/ui/options";
import { Spinner } from "@/components/ui/spinner";
import { useDebounced } from "@/components/ui/use-debounced";
import { LEAD_STATUS_LABELS, LEAD_STATUSES, type LeadStatusValue } from "@/lib/leads/status-labels";
import { customFieldsOptions } from "@/lib/queries/custom-fields";
import { leadExportUrl, leadListOptions } from "@/lib/queries/leads";
import { assignableUsersOptions } from "@/lib/queries/users";
import { LeadsTable } from "./leads-table";
import { fieldSortOptions, SORT_OPTIONS, toApiFilters, useLeadFilters } from "./use-lead-filters";

// Loaded when used: the new-lead form (zod, phone numbers) when someone adds a lead, the assign bar for supervisors.
const NewLeadForm = lazyComponent(() => import("./new-lead-form").then((m) => m.NewLeadForm), <Spinner className="size-5" />);
const AssignBar = lazyComponent(() => import("./assign-bar").then((m) => m.AssignBar));

const linkButton =
  "inline-flex h-9 items-center rounded-md px-3.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50";

export function LeadsView({ canFilterOwner }: { canFilterOwner: boolean }) {
  const { state, update, filtered } = useLeadFilters();
  // The search box is typed into locally and written to the URL shortly after (replacing, so
  // Back does not step through every keystroke); Back/Forward bring the box along.
  const [q, setQ] = useState(state.q);
  const typed = useDebounced(q);
  const lastTyped = useRef(typed);
  const searchBox = useRef<HTMLInputElement>(null);
  const hydrated = useRef(false);
  useEffect(() => {
    // Text typed before the page was interactive is in the box but not in React's state: keep it.
    const early = hydrated.current ? null : (searchBox.current?.value ?? null);
    hydrated.current = true;
    setQ(early && early !== state.q ? early : state.q);
  }, [state.q]);
  useEffect(() => {
    if (typed === lastTyped.current) return; // only what was typed goes to the URL, not what Back restored
    lastTyped.current = typed;
    if (typed.trim() !== state.q.trim()) update({ q: typed }, { replace: true });
  }, [typed, state.q, update]);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // Choice and yes/no custom fields filter the list (?f.<key>=…).
  const customFields = useQuery(customFieldsOptions()).data?.items ?? [];
  const filterable = customFields.filter(
    (d) => !d.archivedAt && (d.type === "SELECT" || d.type === "MULTI_SELECT" || d.type === "CHECKBOX"),
  );

  const filters = toApiFilters(state);
  const leads = useInfiniteQuery({ ...leadListOptions(filters), placeholderData: keepPreviousData });
  const users = useQuery({ ...assignableUsersOptions(), enabled: canFilterOwner });
  const rows = leads.data?.pages.flatMap((p) => p.items) ?? [];
  const total = leads.data?.pages[0]?.total ?? 0;
  const totalLabel = `${formatCount(total)}${leads.data?.pages[0]?.totalCapped ? "+" : ""}`;

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
          <a href={leadExportUrl(filters)} className={linkButton} download data-testid="export-csv">
            Export CSV
          </a>
          {canFilterOwner && (
            <Link href="/leads/import" className={linkButton}>
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
          ref={searchBox}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search name, phone or email"
          className={`${inputBaseClass} w-full basis-full sm:max-w-xs sm:min-w-60 sm:flex-1`}
        />
        <label className="sr-only" htmlFor="lead-status">
          Status
        </label>
        <select
          id="lead-status"
          value={state.status}
          onChange={(e) => update({ status: e.target.value as LeadStatusValue | "" })}
          className={inputBaseClass}
        >
          <option value="">All statuses</option>
          <Options items={LEAD_STATUSES} value={(s) => s} label={(s) => LEAD_STATUS_LABELS[s]} />
        </select>
        {canFilterOwner && (
          <>
            <label className="sr-only" htmlFor="lead-owner">
              Owner
            </label>
            <select id="lead-owner" value={state.ownerId} onChange={(e) => update({ ownerId: e.target.value })} className={inputBaseClass}>
              <option value="">All owners</option>
              <Options items={users.data?.items} value={(u) => u.id} label={(u) => u.name} />
            </select>
          </>
        )}
        {filterable.map((d) => (
          <span key={d.key} className="contents">
            <label className="sr-only" htmlFor={`lead-f-${d.key}`}>
              {d.label}
            </label>
            <select
              id={`lead-f-${d.key}`}
              value={state.fields[d.key] ?? ""}
              onChange={(e) => update({ fields: { ...state.fields, [d.key]: e.target.value } })}
              className={inputBaseClass}
            >
              <option value="">{`Any ${d.label.toLowerCase()}`}</option>
              {(d.type === "CHECKBOX" ? ["true", "false"] : d.options).map((o) => (
                <option key={o} value={o}>
                  {d.type === "CHECKBOX" ? `${d.label}: ${o === "true" ? "yes" : "no"}` : o}
                </option>
              ))}
            </select>
          </span>
        ))}
        <label className="sr-only" htmlFor="lead-sort">
          Sort
        </label>
        <select id="lead-sort" value={state.sort} onChange={(e) => update({ sort: e.target.value })} className={inputBaseClass}>
          <Options items={[...SORT_OPTIONS, ...fieldSortOptions(customFields)]} value={(s) => s.value} label={(s) => s.label} />
        </select>
        {leads.isFetching && !leads.isFetchingNextPage && <Spinner className="size-4 text-slate-400" label="Updating" />}
      </div>

      {leads.isError && <Alert>Could not load leads: {leads.error.message}</Alert>}
      {canFilterOwner && <AssignBar selected={selected} users={users.data?.items ?? []} onDone={() => setSelected(new Set())} />}

      <LeadsTable
        rows={rows}
        loading={leads.isPending}
        selectable={canFilterOwner}
        selected={selected}
        onSelect={setSelected}
        emptyText={filtered ? "No leads match these filters." : "No leads yet. Create the first one."}
        footer={{
          shown: rows.length,
          totalLabel,
          hasMore: leads.hasNextPage,
          loadingMore: leads.isFetchingNextPage,
          onMore: () => void leads.fetchNextPage(),
        }}
      />

      <Dialog open={creating} onClose={() => setCreating(false)} title="New lead">
        <NewLeadForm onDone={() => setCreating(false)} />
      </Dialog>
    </div>
  );
}
