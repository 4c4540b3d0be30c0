"use client";
// The dashboard's speed to lead: for the leads that arrived in the range with a first-response
// clock, how fast the team reached them — median and 90% times to the first call and the first
// connect, called within target, never called, breaches and leads the clock moved — as figures,
// then per agent (the lead's current owner) and per source. Tables scroll sideways on a phone.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";
import { formatCount, formatDuration } from "@/components/ui/format";
import { EmptyText, QueryState } from "@/components/ui/query-state";
import { type Column, TableHead } from "@/components/ui/table";
import type { SpeedToLeadMeasures } from "@/lib/dashboard/speed";
import { type SpeedToLeadData, speedToLeadOptions } from "@/lib/queries/dashboard";

/** A wait as the floor reads it: "45s", "3m 12s", "2h 07m"; past two days "2.5 days"; "—" when there is none. */
function formatWait(seconds: number | null): string {
  if (seconds === null) return "—";
  return seconds < 48 * 3600 ? formatDuration(seconds) : `${(seconds / 86400).toFixed(1)} days`;
}

const pct = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: ReactNode; testId: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2.5 ring-1 ring-slate-200" data-testid={testId}>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-xl font-semibold text-slate-900 tabular-nums">{value}</dd>
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}

function Figures({ t }: { t: SpeedToLeadMeasures }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-5" data-testid="speed-to-lead-totals">
      <Figure
        testId="speed-median"
        label="Median first call"
        value={formatWait(t.medianFirstCallSeconds)}
        hint={`First connect ${formatWait(t.medianFirstConnectSeconds)}`}
      />
      <Figure
        testId="speed-p90"
        label="90% called within"
        value={formatWait(t.p90FirstCallSeconds)}
        hint={`90% connected within ${formatWait(t.p90FirstConnectSeconds)}`}
      />
      <Figure
        testId="speed-within-target"
        label="Within target"
        value={pct(t.withinTargetShare)}
        hint={`${formatCount(t.withinTarget)} called by the due time`}
      />
      <Figure
        testId="speed-never-called"
        label="Never called"
        value={formatCount(t.neverCalled)}
        hint={`of ${formatCount(t.leads)} leads`}
      />
      <Figure
        testId="speed-breaches"
        label="Breaches"
        value={formatCount(t.breaches)}
        hint={`${formatCount(t.reassignments)} moved to another agent`}
      />
    </dl>
  );
}

// Headings wrap (two short lines) so the nine figures fit a desk screen; the figures never wrap.
const num = (label: string, key = label): Column => ({ key, label, className: "text-right align-bottom" });
const COLUMNS: Column[] = [
  num("Leads"),
  num("Median first call"),
  num("90% called within"),
  num("Median first connect"),
  num("90% connected within"),
  num("Within target"),
  num("Never called"),
  num("Breaches"),
  num("Moved"),
];

function Cells({ m }: { m: SpeedToLeadMeasures }) {
  const td = "px-3 py-2 text-right whitespace-nowrap";
  return (
    <>
      <td className={td}>{formatCount(m.leads)}</td>
      <td className={td}>{formatWait(m.medianFirstCallSeconds)}</td>
      <td className={td}>{formatWait(m.p90FirstCallSeconds)}</td>
      <td className={td}>{formatWait(m.medianFirstConnectSeconds)}</td>
      <td className={td}>{formatWait(m.p90FirstConnectSeconds)}</td>
      <td className={td}>
        {pct(m.withinTargetShare)}
        <span className="ml-1.5 text-xs text-slate-500">{formatCount(m.withinTarget)}</span>
      </td>
      <td className={td}>{formatCount(m.neverCalled)}</td>
      <td className={td}>{formatCount(m.breaches)}</td>
      <td className={td}>{formatCount(m.reassignments)}</td>
    </>
  );
}

/** One table (per agent or per source): a row per group, the totals below; scrolls sideways, reachable by keyboard. */
function MeasuresTable<T extends SpeedToLeadMeasures>({
  title,
  first,
  rows,
  totals,
  name,
  testId,
}: {
  title: string;
  first: string;
  rows: T[];
  totals: SpeedToLeadMeasures;
  name: (row: T) => { key: string; label: string; muted: boolean };
  testId: string;
}) {
  return (
    <div className="overflow-hidden rounded-lg ring-1 ring-slate-200">
      <h3 className="border-b border-slate-200 bg-white px-3 py-2.5 text-sm font-semibold text-slate-900">{title}</h3>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
      <div className="scroll-shadow-x overflow-x-auto" tabIndex={0} role="region" aria-label={`Speed to lead ${title.toLowerCase()}`}>
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
          <TableHead columns={[{ key: first, label: first, className: "align-bottom" }, ...COLUMNS]} cellClassName="px-3 py-2" />
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {rows.map((r) => {
              const n = name(r);
              return (
                <tr key={n.key} data-name={n.label}>
                  <th
                    scope="row"
                    className={cx(
                      "px-3 py-2 text-left font-medium whitespace-nowrap",
                      n.muted ? "text-slate-500 italic" : "text-slate-900",
                    )}
                  >
                    {n.label}
                  </th>
                  <Cells m={r} />
                </tr>
              );
            })}
          </tbody>
          <tfoot className="border-t-2 border-slate-200 bg-slate-50 font-semibold text-slate-900 tabular-nums">
            <tr>
              <th scope="row" className="px-3 py-2 text-left">
                Total
              </th>
              <Cells m={totals} />
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

function SpeedToLeadBody({ d }: { d: SpeedToLeadData }) {
  return (
    <div className="space-y-4">
      <Figures t={d.totals} />
      <MeasuresTable
        title="Per agent"
        first="Agent"
        rows={d.byAgent}
        totals={d.totals}
        testId="speed-per-agent"
        name={(r) => (r.agent ? { key: r.agent.id, label: r.agent.name, muted: false } : { key: "", label: "Unassigned", muted: true })}
      />
      <MeasuresTable
        title="Per source"
        first="Source"
        rows={d.bySource}
        totals={d.totals}
        testId="speed-per-source"
        name={(r) => (r.source ? { key: r.source, label: r.source, muted: false } : { key: "", label: "No source", muted: true })}
      />
    </div>
  );
}

export function SpeedToLeadPanel({ from, to, enabled }: { from: string; to: string; enabled: boolean }) {
  const speed = useQuery({ ...speedToLeadOptions(from, to), enabled, placeholderData: keepPreviousData, refetchInterval: 60_000 });
  return (
    <section className="rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200" aria-labelledby="speed-to-lead-heading">
      <h2 id="speed-to-lead-heading" className="text-sm font-semibold text-slate-900">
        Speed to lead
      </h2>
      <p className="mb-3 text-sm text-slate-500">
        Leads that arrived in this range with a first-call target: how fast they were called, from the moment they came in.
      </p>
      <QueryState
        query={speed}
        what="speed to lead"
        isEmpty={(d) => d.totals.leads === 0}
        empty={<EmptyText>No leads with a first-call target arrived in this range.</EmptyText>}
      >
        {(d) => <SpeedToLeadBody d={d} />}
      </QueryState>
    </section>
  );
}
