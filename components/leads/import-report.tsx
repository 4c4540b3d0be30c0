"use client";
import Link from "next/link";
import { useState } from "react";
import { formatCount } from "@/components/ui/format";
// The import check's report: counts, and each row's result by line (problems first, capped).
import { TableHead } from "@/components/ui/table";
import type { ImportRow } from "@/lib/leads/csv";
import type { ImportResult } from "@/lib/queries/leads";

/** Rows listed at most (the counts above cover all of them). */
const SHOWN_ROWS = 500;

const COUNTS = [
  { key: "rows", label: "Rows", tone: "bg-slate-100", valueTone: "" },
  { key: "ok", label: "Ready", tone: "bg-emerald-50 text-emerald-800", valueTone: "" },
  { key: "invalid", label: "Invalid", tone: "bg-rose-50 text-rose-800", valueTone: "" },
  { key: "duplicate", label: "Duplicates", tone: "bg-amber-50 text-amber-900", valueTone: "" },
] as const;

export function ImportCounts({ report }: { report: ImportResult }) {
  return (
    <dl className="flex flex-wrap gap-2 text-sm">
      {COUNTS.map((c) => (
        <div key={c.key} className={`rounded-md px-2.5 py-1 ${c.tone}`}>
          <dt className="inline">{c.label} </dt>
          <dd className="inline font-semibold tabular-nums" data-testid={`count-${c.key}`}>
            {formatCount(report[c.key])}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Result({ r }: { r: ImportResult["reports"][number] }) {
  if (r.status === "ok") return <span className="text-emerald-700">Ready</span>;
  const problems = Object.entries(r.errors ?? {})
    .map(([f, m]) => `${f} ${m}`)
    .join("; ");
  return (
    <span className={r.status === "invalid" ? "text-rose-700" : "text-amber-800"}>
      {r.status === "invalid" ? "Invalid: " : "Duplicate: "}
      {problems}
      {r.existingLeadId && (
        <>
          {" "}
          (
          <Link href={`/leads/${r.existingLeadId}`} className="underline">
            open
          </Link>
          )
        </>
      )}
    </span>
  );
}

export function ImportRows({ report, rows }: { report: ImportResult; rows: ImportRow[] }) {
  const [onlyProblems, setOnlyProblems] = useState(true);
  const rowsByLine = new Map(rows.map((r) => [r.line, r]));
  const listed = report.reports.filter((r) => !onlyProblems || r.status !== "ok");
  const dash = <span className="text-slate-500">—</span>;
  return (
    <>
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-900">Rows</h3>
        <label className="flex items-center gap-2 text-sm text-slate-600">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} /> Only rows with problems
        </label>
      </div>
      {listed.length === 0 ? (
        <p className="text-sm text-slate-500">{onlyProblems ? "No problems: every row is ready." : "No rows."}</p>
      ) : (
        <div
          className="max-h-[28rem] overflow-auto rounded-md ring-1 ring-slate-200"
          role="region"
          aria-label="Rows of the file"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
          tabIndex={0}
        >
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="import-rows">
            <TableHead columns={["Line", "Name", "Phone", "Result"]} cellClassName="px-3 py-2" sticky />
            <tbody className="divide-y divide-slate-100">
              {listed.slice(0, SHOWN_ROWS).map((r) => {
                const row = rowsByLine.get(r.line);
                return (
                  <tr key={r.line} data-status={r.status}>
                    <td className="px-3 py-1.5 text-slate-500 tabular-nums">{r.line}</td>
                    <td className="px-3 py-1.5 text-slate-900">{row?.name || dash}</td>
                    <td className="px-3 py-1.5 text-slate-700 tabular-nums">{row?.phone || dash}</td>
                    <td className="px-3 py-1.5">
                      <Result r={r} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {listed.length > SHOWN_ROWS && (
            <p className="bg-slate-50 px-3 py-2 text-sm text-slate-600">…and {formatCount(listed.length - SHOWN_ROWS)} more rows.</p>
          )}
        </div>
      )}
    </>
  );
}
