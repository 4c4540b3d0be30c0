"use client";
// The lead-source report: per source for a period in India time — leads, duplicates, contacted,
// median time to the first call, never called, qualified, won — and, for admins, spend, cost per
// lead and per won lead, with the spend editor below. Managers see their team's leads.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { cx } from "@/components/ui/cx";
import { Field, inputBaseClass } from "@/components/ui/field";
import { countOf, formatCount, formatDate, formatDuration, formatRupees } from "@/components/ui/format";
import { Spinner } from "@/components/ui/spinner";
import { type Column, TableHead } from "@/components/ui/table";
import { type LeadSourceReportData, leadSourceCsvUrl, leadSourceReportOptions } from "@/lib/queries/reports";
import { HAND_ADDED } from "@/lib/reports/schemas";
import { istDay } from "@/lib/time/india";
import { SpendEditor } from "./spend-editor";

type Measures = LeadSourceReportData["totals"];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** An India day ("2026-03-01") as "1 Mar 2026". */
const dayLabel = (day: string) => formatDate(`${day}T00:00:00+05:30`);

/** The first and last day of the month `offset` months from this one (India time). */
function monthRange(offset = 0) {
  const [y, m] = istDay().split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 + offset, 1));
  const last = new Date(Date.UTC(y, m + offset, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

const PRESETS = [
  { label: "This month", range: () => monthRange(0) },
  { label: "Last month", range: () => monthRange(-1) },
  { label: "Last 3 months", range: () => ({ from: monthRange(-2).from, to: monthRange(0).to }) },
];

/** Minutes to the first call as the floor reads it: "45s", "12m 30s", "3h 05m", "2.5 days". */
function formatWait(minutes: number | null): string {
  if (minutes === null) return "—";
  return minutes < 48 * 60 ? formatDuration(minutes * 60) : `${(minutes / 1440).toFixed(1)} days`;
}

/** "4" with its share of the leads beside it ("67%"). */
function CountOf({ n, of }: { n: number; of: number }) {
  return (
    <>
      {formatCount(n)}
      {of > 0 && <span className="ml-1.5 text-xs text-slate-500">{Math.round((n / of) * 100)}%</span>}
    </>
  );
}

const num = (label: string, key = label): Column => ({ key, label, className: "text-right whitespace-nowrap" });

function Cells({ m, spend }: { m: Measures; spend: boolean }) {
  const td = "px-4 py-2 text-right whitespace-nowrap";
  return (
    <>
      <td className={td}>{formatCount(m.leads)}</td>
      <td className={td}>{formatCount(m.duplicates)}</td>
      <td className={td}>
        <CountOf n={m.contacted} of={m.leads} />
      </td>
      <td className={td}>{formatWait(m.medianMinutesToFirstCall)}</td>
      <td className={td}>{formatCount(m.neverCalled)}</td>
      <td className={td}>
        <CountOf n={m.qualified} of={m.leads} />
      </td>
      <td className={td}>
        <CountOf n={m.won} of={m.leads} />
      </td>
      {spend && (
        <>
          <td className={td}>{formatRupees(m.spendRupees)}</td>
          <td className={td}>{formatRupees(m.costPerLead)}</td>
          <td className={td}>{formatRupees(m.costPerWon)}</td>
        </>
      )}
    </>
  );
}

function ReportTable({ report }: { report: LeadSourceReportData }) {
  const spend = report.spendShown;
  const columns: Column[] = [
    "Source",
    num("Leads"),
    num("Duplicates"),
    num("Contacted"),
    num("First call (median)", "wait"),
    num("Never called"),
    num("Qualified"),
    num("Won"),
    ...(spend ? [num("Spend"), num("Cost per lead"), num("Cost per won")] : []),
  ];
  return (
    <section className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200" aria-labelledby="sources-heading">
      <h2 id="sources-heading" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
        Per source · {dayLabel(report.from)} to {dayLabel(report.to)}
      </h2>
      {report.rows.length === 0 ? (
        <p className="px-4 py-10 text-center text-sm text-slate-500">No leads, repeat enquiries or spend in this period.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        <div className="scroll-shadow-x overflow-x-auto" tabIndex={0} role="region" aria-label="Lead sources table">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="lead-sources">
            <TableHead columns={columns} cellClassName="px-4 py-2" />
            <tbody className="divide-y divide-slate-100 tabular-nums">
              {report.rows.map((r) => (
                <tr key={r.source ?? ""} data-source={r.source ?? HAND_ADDED}>
                  <th scope="row" className={cx("px-4 py-2 text-left font-medium", r.source ? "text-slate-900" : "text-slate-500 italic")}>
                    {r.source ?? HAND_ADDED}
                  </th>
                  <Cells m={r} spend={spend} />
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t-2 border-slate-200 bg-slate-50 font-semibold text-slate-900 tabular-nums">
              <tr data-testid="lead-sources-total">
                <th scope="row" className="px-4 py-2 text-left">
                  Total
                </th>
                <Cells m={report.totals} spend={spend} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

function HowCounted({ spend }: { spend: boolean }) {
  const items: [string, string][] = [
    ["Period", "From and to dates in India time, both days included."],
    ["Leads", "Leads added in the period with that source (erased and test leads left out)."],
    ["Duplicates", "Enquiries from people already on file that the source sent again in the period: repeats you paid for."],
    ["Contacted", "Of those leads, how many had at least one answered call."],
    ["First call (median)", "Half the called leads got their first call within this time of arriving."],
    ["Never called", "Leads with no call at all yet."],
    ["Qualified / Won", "Leads now Qualified or Won / now Won."],
    ...(spend
      ? ([
          ["Spend", "What you entered per source and month. A month counts whole, even when the period covers only part of it."],
          ["Cost per lead / won", "Spend ÷ leads and spend ÷ won leads; — when there are none."],
        ] as [string, string][])
      : []),
  ];
  return (
    <section aria-labelledby="how-counted" className="rounded-xl bg-white p-4 text-sm shadow-xs ring-1 ring-slate-200">
      <h2 id="how-counted" className="font-semibold text-slate-900">
        How these are counted
      </h2>
      <dl className="mt-2 grid gap-x-6 gap-y-1.5 text-slate-600 md:grid-cols-2">
        {items.map(([term, text]) => (
          <div key={term}>
            <dt className="inline font-medium text-slate-800">{term}: </dt>
            <dd className="inline">{text}</dd>
          </div>
        ))}
      </dl>
      {!spend && <p className="mt-2 text-slate-500">Spend and cost per lead are shown to admins: spend covers every team&apos;s leads.</p>}
    </section>
  );
}

export function LeadSourceReportView({ canEditSpend }: { canEditSpend: boolean }) {
  const [{ from, to }, setRange] = useState(() => monthRange(0));
  const valid = DAY.test(from) && DAY.test(to) && from <= to;
  const report = useQuery({ ...leadSourceReportOptions(from, to), enabled: valid, placeholderData: keepPreviousData });
  const d = report.data;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Lead sources</h1>
          <p className="text-sm text-slate-500">
            Where leads come from and what they turn into (India time){canEditSpend ? "" : ": your team's leads"}.
          </p>
        </div>
        <form className="flex flex-wrap items-end gap-2" aria-label="Period" onSubmit={(e) => e.preventDefault()}>
          <div role="group" aria-label="Presets" className="flex flex-wrap gap-1">
            {PRESETS.map((p) => {
              const r = p.range();
              const on = from === r.from && to === r.to;
              return (
                <button
                  key={p.label}
                  type="button"
                  aria-pressed={on}
                  onClick={() => setRange(p.range())}
                  className={cx(
                    "rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap ring-1",
                    on ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
                  )}
                >
                  {p.label}
                </button>
              );
            })}
          </div>
          <Field label="From" small>
            {(p) => (
              <input
                {...p}
                type="date"
                value={from}
                max={to}
                onChange={(e) => setRange({ from: e.target.value, to })}
                className={inputBaseClass}
              />
            )}
          </Field>
          <Field label="To" small>
            {(p) => (
              <input
                {...p}
                type="date"
                value={to}
                min={from}
                onChange={(e) => setRange({ from, to: e.target.value })}
                className={inputBaseClass}
              />
            )}
          </Field>
          {valid ? (
            <a
              href={leadSourceCsvUrl(from, to)}
              download
              className={cx(
                "inline-flex h-9 items-center rounded-md bg-white px-3.5 text-sm font-medium whitespace-nowrap text-slate-700 shadow-xs",
                "ring-1 ring-slate-300 ring-inset hover:bg-slate-50",
              )}
            >
              Download CSV
            </a>
          ) : null}
          {report.isFetching && <Spinner className="mb-2 size-4 text-slate-400" label="Updating" />}
        </form>
      </div>

      {!valid && <Alert tone="warning">Pick a start date on or before the end date.</Alert>}
      {report.isError && <Alert>Could not load the lead-source report: {report.error.message}</Alert>}
      {report.isPending && valid && (
        <div className="flex justify-center py-16 text-slate-400">
          <Spinner label="Loading the lead-source report" />
        </div>
      )}

      {d && (
        <>
          <p className="text-sm text-slate-600" data-testid="lead-sources-summary">
            {countOf(d.totals.leads, "lead")} · {countOf(d.totals.duplicates, "duplicate")} · {formatCount(d.totals.won)} won
            {d.spendShown && d.totals.spendRupees !== null ? ` · ${formatRupees(d.totals.spendRupees)} spent` : ""}
          </p>
          <ReportTable report={d} />
          {canEditSpend && <SpendEditor report={d} />}
          <HowCounted spend={d.spendShown} />
        </>
      )}
    </div>
  );
}
