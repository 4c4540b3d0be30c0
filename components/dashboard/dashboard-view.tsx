"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Alert } from "@/components/ui/alert";
import { cx } from "@/components/ui/cx";
import { Field, inputBaseClass } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
// The team dashboard: KPIs for the range, calls per day (made vs answered), talk time per day,
// and per-agent and per-agent-per-day tables. Numbers come from the server's per-agent, per-day rollup.
import { type Column, TableHead } from "@/components/ui/table";
import type { DashboardRow } from "@/lib/dashboard/service";
import { dashboardOptions } from "@/lib/queries/dashboard";
import { istDay as istDayOf } from "@/lib/time/india";
import { formatCount, formatDay, formatDuration } from "../ui/format";
import { CampaignsPanel } from "./campaigns-panel";
import { SpeedToLeadPanel } from "./speed-to-lead-panel";

/** YYYY-MM-DD in India, n days before today. */
const istDay = (daysAgo = 0) => istDayOf(new Date(Date.now() - daysAgo * 86400_000));
const PRESETS = [
  { label: "Today", days: 0 },
  { label: "7 days", days: 6 },
  { label: "14 days", days: 13 },
  { label: "30 days", days: 29 },
];
const NUMBER_COLUMNS: Column[] = ["Calls made", "Answered rate", "Talk time", "Avg talk", "Missed inbound", "Leads contacted"].map(
  (label) => ({ key: label, label, className: "text-right" }),
);
const pct = (v: number | null) => (v === null ? "–" : `${Math.round(v * 100)}%`);
const shortDay = formatDay;

function Kpi({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-xl bg-white px-4 py-3 shadow-xs ring-1 ring-slate-200">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{value}</dd>
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}

const BREAK_COLUMN: Column = { key: "break", label: "On break", className: "text-right" };

function Rows({ rows, withDay }: { rows: DashboardRow[]; withDay?: boolean }) {
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      <TableHead
        columns={[...(withDay ? ["Day"] : []), "Agent", ...NUMBER_COLUMNS, ...(withDay ? [] : [BREAK_COLUMN])]}
        cellClassName="px-4 py-2"
      />
      <tbody className="divide-y divide-slate-100 tabular-nums">
        {rows.map((r) => (
          <tr key={`${r.day}-${r.agentId}`} data-agent={r.agentName ?? ""}>
            {withDay && <td className="px-4 py-2 text-slate-600">{r.day ? shortDay(r.day) : ""}</td>}
            <td className="px-4 py-2 font-medium text-slate-900">{r.agentName}</td>
            <td className="px-4 py-2 text-right">{r.callsMade}</td>
            <td className="px-4 py-2 text-right">{pct(r.answeredRate)}</td>
            <td className="px-4 py-2 text-right">{formatDuration(r.talkSeconds)}</td>
            <td className="px-4 py-2 text-right">{r.avgTalkSeconds === null ? "–" : formatDuration(r.avgTalkSeconds)}</td>
            <td className="px-4 py-2 text-right">{r.missedInbound}</td>
            <td className="px-4 py-2 text-right">{r.leadsContacted}</td>
            {!withDay && <td className="px-4 py-2 text-right">{formatDuration(r.breakSeconds ?? 0)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DashboardView() {
  const _ids = useId();
  const [from, setFrom] = useState(istDay(13));
  const [to, setTo] = useState(istDay(0));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const data = useQuery({
    ...dashboardOptions(from, to),
    enabled: valid,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const d = data.data;
  const chartDays =
    d?.perDay.map((r) => ({
      day: shortDay(r.day!),
      made: r.callsMade,
      answered: r.answered,
      talkMinutes: Math.round(r.talkSeconds / 6) / 10,
      missed: r.missedInbound,
    })) ?? [];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Dashboard</h1>
          <p className="text-sm text-slate-500">Your team&apos;s calls per agent and day (India time).</p>
        </div>
        <form className="flex flex-wrap items-end gap-2" aria-label="Date range" onSubmit={(e) => e.preventDefault()}>
          <div role="group" aria-label="Presets" className="flex gap-1">
            {PRESETS.map((p) => {
              const on = from === istDay(p.days) && to === istDay(0);
              return (
                <button
                  key={p.label}
                  type="button"
                  aria-pressed={on}
                  onClick={() => {
                    setFrom(istDay(p.days));
                    setTo(istDay(0));
                  }}
                  className={cx(
                    "rounded-md px-2.5 py-1.5 text-sm font-medium ring-1",
                    on ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
                  )}
                >
                  {p.label}
                </button>
              );
            })}
          </div>
          <Field label="From" small>
            {(p) => <input {...p} type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} className={inputBaseClass} />}
          </Field>
          <Field label="To" small>
            {(p) => <input {...p} type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} className={inputBaseClass} />}
          </Field>
          {data.isFetching && <Spinner className="mb-2 size-4 text-slate-400" label="Updating" />}
        </form>
      </div>

      {!valid && <Alert tone="warning">Pick a start date on or before the end date.</Alert>}
      {data.isError && <Alert>Could not load the dashboard: {data.error.message}</Alert>}
      {data.isPending && valid && (
        <div className="flex justify-center py-16 text-slate-400">
          <Spinner label="Loading the dashboard" />
        </div>
      )}

      {d && (
        <>
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-3 lg:grid-cols-7" data-testid="dashboard-totals">
            <Kpi label="Calls made" value={formatCount(d.totals.callsMade)} />
            <Kpi label="Answered rate" value={pct(d.totals.answeredRate)} hint="of calls made" />
            <Kpi label="Talk time" value={formatDuration(d.totals.talkSeconds)} />
            <Kpi
              label="Average talk"
              value={d.totals.avgTalkSeconds === null ? "–" : formatDuration(d.totals.avgTalkSeconds)}
              hint="per answered call"
            />
            <Kpi label="Missed inbound" value={formatCount(d.totals.missedInbound)} />
            <Kpi label="Leads contacted" value={formatCount(d.totals.leadsContacted)} hint="distinct per agent, added up" />
            <Kpi label="Time on break" value={formatDuration(d.totals.breakSeconds ?? 0)} />
          </dl>

          <div className="grid gap-6 lg:grid-cols-2">
            <section className="rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200" aria-label="Calls per day chart">
              <h2 className="mb-3 text-sm font-semibold text-slate-900">Calls per day</h2>
              <div className="h-64">
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={chartDays} margin={{ left: -16, right: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
                    <XAxis dataKey="day" tick={{ fontSize: 12 }} minTickGap={16} />
                    <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
                    <Tooltip />
                    <Legend wrapperStyle={{ fontSize: 12 }} />
                    <Bar isAnimationActive={false} dataKey="made" name="Calls made" fill="#6366f1" radius={[3, 3, 0, 0]} />
                    <Bar isAnimationActive={false} dataKey="answered" name="Answered" fill="#10b981" radius={[3, 3, 0, 0]} />
                    <Bar isAnimationActive={false} dataKey="missed" name="Missed inbound" fill="#f59e0b" radius={[3, 3, 0, 0]} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </section>
            <section className="rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200" aria-label="Talk time chart">
              <h2 className="mb-3 text-sm font-semibold text-slate-900">Talk time per day (minutes)</h2>
              <div className="h-64">
                <ResponsiveContainer width="100%" height="100%">
                  <LineChart data={chartDays} margin={{ left: -16, right: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
                    <XAxis dataKey="day" tick={{ fontSize: 12 }} minTickGap={16} />
                    <YAxis tick={{ fontSize: 12 }} />
                    <Tooltip />
                    <Line
                      isAnimationActive={false}
                      type="monotone"
                      dataKey="talkMinutes"
                      name="Talk minutes"
                      stroke="#6366f1"
                      strokeWidth={2}
                      dot={false}
                    />
                  </LineChart>
                </ResponsiveContainer>
              </div>
            </section>
          </div>

          <SpeedToLeadPanel from={from} to={to} enabled={valid} />
          <CampaignsPanel />
          <section className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200" aria-label="Per agent">
            <h2 className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">Per agent</h2>
            {d.perAgent.length === 0 ? (
              <p className="px-4 py-8 text-center text-sm text-slate-500">No calls in this range.</p>
            ) : (
              <div className="scroll-shadow-x relative overflow-x-auto" data-testid="per-agent">
                <Rows rows={d.perAgent} />
              </div>
            )}
          </section>
          {d.perAgentDay.length > 0 && (
            <section className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200" aria-label="Per agent and day">
              <h2 className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">Per agent and day</h2>
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
              <div className="max-h-[32rem] overflow-auto" tabIndex={0} role="region" aria-label="Per agent and day">
                <Rows rows={[...d.perAgentDay].reverse()} withDay />
              </div>
            </section>
          )}
        </>
      )}
    </div>
  );
}
