"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
// The lead list's table: rows open the lead (click, Enter), arrow keys move between rows, and
// supervisors get a checkbox per row for bulk assignment.
import { type Column, TableHead } from "@/components/ui/table";
import type { LeadDto } from "@/lib/leads/dto";
import { formatCount, formatRelative } from "../ui/format";
import { StatusBadge } from "./status-badge";

/** Placeholder rows while the first page loads. */
const SKELETON_KEYS = ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7"] as const;
// At phone width the Name cell carries the number and the status (a card per lead); the columns
// that repeat them are hidden there.
const HEADERS: Column[] = [
  "Name",
  { key: "phone", label: "Phone", className: "hidden sm:table-cell" },
  { key: "owner", label: "Owner", className: "hidden md:table-cell" },
  { key: "status", label: "Status", className: "hidden sm:table-cell" },
  { key: "last", label: "Last contacted", className: "hidden sm:table-cell" },
];

export function LeadsTable({
  rows,
  loading,
  selectable,
  selected,
  onSelect,
  emptyText,
  footer,
}: {
  rows: LeadDto[];
  loading: boolean;
  selectable: boolean;
  selected: Set<string>;
  onSelect: (ids: Set<string>) => void;
  emptyText: string;
  footer: { shown: number; totalLabel: string; hasMore: boolean; loadingMore: boolean; onMore: () => void } | null;
}) {
  const router = useRouter();
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const columns = selectable ? HEADERS.length + 1 : HEADERS.length;
  const allShownSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const selectAll: Column = {
    key: "select",
    className: "w-10",
    label: (
      <input
        type="checkbox"
        aria-label="Select all shown leads"
        checked={allShownSelected}
        onChange={() => onSelect(allShownSelected ? new Set() : new Set(rows.map((r) => r.id)))}
      />
    ),
  };
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };

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
    <div className="overflow-hidden rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <TableHead columns={selectable ? [selectAll, ...HEADERS] : HEADERS} cellClassName="px-4 py-3" />
        <tbody ref={tableRef} className="divide-y divide-slate-100">
          {loading &&
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
              {selectable && (
                <td className="px-4 py-3" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
                  <input
                    type="checkbox"
                    aria-label={`Select ${lead.name}`}
                    checked={selected.has(lead.id)}
                    onChange={() => toggle(lead.id)}
                  />
                </td>
              )}
              <td className="px-4 py-3">
                <Link href={`/leads/${lead.id}`} tabIndex={-1} className="font-medium text-slate-900 hover:text-brand-700">
                  {lead.name}
                </Link>
                {lead.email && <div className="max-w-[70vw] truncate text-xs text-slate-500 sm:max-w-none">{lead.email}</div>}
                {lead.source && (
                  <div
                    className="max-w-[70vw] truncate text-xs text-slate-500 sm:max-w-xs"
                    title={[lead.source, lead.subSource].filter(Boolean).join(" · ")}
                  >
                    <span className="font-medium text-slate-600">{lead.source}</span>
                    {lead.subSource && ` · ${lead.subSource}`}
                  </div>
                )}
                <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 sm:hidden">
                  <span className="text-slate-700 tabular-nums">{lead.phoneDisplay}</span>
                  <StatusBadge status={lead.status} />
                  {lead.lastContactedAt && <span className="text-xs text-slate-500">{formatRelative(lead.lastContactedAt)}</span>}
                </div>
              </td>
              <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 tabular-nums sm:table-cell">{lead.phoneDisplay}</td>
              <td className="hidden px-4 py-3 text-slate-700 md:table-cell">
                {lead.owner?.name ?? <span className="text-slate-500">Unassigned</span>}
              </td>
              <td className="hidden px-4 py-3 sm:table-cell">
                <StatusBadge status={lead.status} />
              </td>
              <td className="hidden px-4 py-3 text-slate-500 sm:table-cell">{formatRelative(lead.lastContactedAt)}</td>
            </tr>
          ))}
          {!loading && rows.length === 0 && (
            <tr>
              <td colSpan={columns} className="px-4 py-12 text-center text-slate-500">
                {emptyText}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {footer && rows.length > 0 && (
        <div className="flex items-center justify-between border-t border-slate-200 bg-slate-50 px-4 py-2.5 text-sm text-slate-600">
          <span>
            Showing {formatCount(footer.shown)} of {footer.totalLabel}
          </span>
          {footer.hasMore && (
            <Button variant="secondary" size="sm" loading={footer.loadingMore} onClick={footer.onMore}>
              Load more
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
