"use client";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputBaseClass } from "@/components/ui/field";
import { Options } from "@/components/ui/options";
import { Spinner } from "@/components/ui/spinner";
import { onSubmit } from "@/components/ui/submit";
import { PagedTable } from "@/components/ui/table";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/actions";
import { type AuditFilters, auditListOptions } from "@/lib/queries/audit";
import { adminUsersOptions } from "@/lib/queries/users";
import { formatDateTime } from "../ui/format";

/** The integrations' names, for their audit entries (their records are named by kind). */
const INTEGRATION_NAMES: Record<string, string> = { META: "Meta Lead Ads", GOOGLE_ADS: "Google Ads lead forms", INDIAMART: "IndiaMART" };

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-slate-400">—</span>;
  const show = (v: unknown) => (v == null ? "" : JSON.stringify(v));
  return (
    <div className="max-w-md space-y-0.5 font-mono text-xs break-all">
      {before != null && <div className="text-rose-700">− {show(before)}</div>}
      {after != null && <div className="text-emerald-700">+ {show(after)}</div>}
    </div>
  );
}

export function AuditView() {
  const [filters, setFilters] = useState<AuditFilters>({ actorId: "", action: "", targetId: "" });
  const [target, setTarget] = useState("");
  const users = useQuery(adminUsersOptions());
  const events = useInfiniteQuery({ ...auditListOptions(filters), placeholderData: keepPreviousData });
  return (
    <section className="space-y-4" aria-labelledby="audit-heading">
      <div>
        <h1 id="audit-heading" className="text-xl font-semibold text-slate-900">
          Audit log
        </h1>
        <p className="text-sm text-slate-600">
          Sign-ins, user and settings changes, exports and recording plays. Entries can be added, never changed or removed.
        </p>
      </div>
      <form className="flex flex-wrap items-end gap-3" onSubmit={onSubmit(() => setFilters((f) => ({ ...f, targetId: target })))}>
        <label className="max-w-full min-w-0 text-sm text-slate-700">
          <span className="mb-1 block font-medium">Who</span>
          <select
            className={`${inputBaseClass} max-w-full`}
            value={filters.actorId}
            onChange={(e) => setFilters((f) => ({ ...f, actorId: e.target.value }))}
            aria-label="Filter by user"
          >
            <option value="">Everyone</option>
            <Options items={users.data?.items} value={(u) => u.id} label={(u) => `${u.name} (${u.email})`} />
          </select>
        </label>
        <label className="max-w-full min-w-0 text-sm text-slate-700">
          <span className="mb-1 block font-medium">What</span>
          <select
            className={`${inputBaseClass} max-w-full`}
            value={filters.action}
            onChange={(e) => setFilters((f) => ({ ...f, action: e.target.value as AuditAction | "" }))}
            aria-label="Filter by action"
          >
            <option value="">Every action</option>
            <Options items={AUDIT_ACTIONS} value={(a) => a} label={(a) => AUDIT_ACTION_LABELS[a]} />
          </select>
        </label>
        <label className="max-w-full min-w-0 text-sm text-slate-700">
          <span className="mb-1 block font-medium">Record id</span>
          <input
            className={`${inputBaseClass} w-56 max-w-full`}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            placeholder="a lead, call or user id"
            aria-label="Filter by record id"
          />
        </label>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {events.isFetching && <Spinner className="mb-2 size-4 text-slate-400" />}
      </form>
      <PagedTable
        query={events}
        what="the audit log"
        testId="audit-log"
        columns={["When", "Who", "What", "Record", "Change", "From"]}
        empty="No entries match."
      >
        {(e) => (
          <tr key={e.id} data-action={e.action}>
            <td className="px-4 py-3 whitespace-nowrap text-slate-600">{formatDateTime(e.at)}</td>
            <td className="px-4 py-3">
              <div className="font-medium text-slate-900">{e.actor?.name ?? (e.actorEmail ? "—" : "System")}</div>
              <div className="text-xs text-slate-500">{e.actor?.email ?? e.actorEmail ?? ""}</div>
            </td>
            <td className="min-w-40 px-4 py-3 text-slate-800">{AUDIT_ACTION_LABELS[e.action as AuditAction] ?? e.action}</td>
            <td className="min-w-32 px-4 py-3 text-xs break-all text-slate-600">
              {e.targetType === "integration" && e.targetId && INTEGRATION_NAMES[e.targetId] ? (
                `Integration: ${INTEGRATION_NAMES[e.targetId]}`
              ) : e.targetType ? (
                <span className="font-mono">{`${e.targetType} ${e.targetId ?? ""}`}</span>
              ) : (
                "—"
              )}
            </td>
            <td className="px-4 py-3">
              <Change before={e.before} after={e.after} />
            </td>
            <td className="px-4 py-3 text-xs text-slate-500">
              <div>{e.ip ?? "—"}</div>
              <div className="max-w-48 truncate" title={e.userAgent ?? undefined}>
                {e.userAgent ?? ""}
              </div>
            </td>
          </tr>
        )}
      </PagedTable>
    </section>
  );
}
