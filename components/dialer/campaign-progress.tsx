"use client";
// A campaign's progress: leads done of total, dialled, connected, talk time, outcomes, and the same per agent.
import { formatDuration } from "@/components/ui/format";
import { type Column, TableHead } from "@/components/ui/table";
import type { CampaignListItem } from "@/lib/queries/dialer";

const AGENT_COLUMNS: Column[] = [
  "Agent",
  ...["Dialled", "Connected", "Talk time"].map((label) => ({ key: label, label, className: "text-right" })),
];

type Progress = NonNullable<CampaignListItem["progress"]>;

export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="flex items-center gap-2">
      <div
        className="h-2 w-32 overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-label={label}
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className="h-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs text-slate-600 tabular-nums">
        {done} / {total}
      </span>
    </div>
  );
}

export function CampaignProgress({ name, progress }: { name: string; progress: Progress }) {
  return (
    <div className="space-y-3" data-testid="campaign-progress">
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        {(
          [
            ["Leads done", `${progress.leads.done} of ${progress.leads.total}`],
            ["Being called", progress.leads.claimed],
            ["Dialled", progress.dialed],
            ["Connected", progress.connected],
            ["Talk time", formatDuration(progress.talkSeconds)],
          ] as const
        ).map(([k, v]) => (
          <div key={k} className="flex gap-1.5">
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-semibold text-slate-900 tabular-nums" data-testid={`campaign-${k.toLowerCase().replace(" ", "-")}`}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
      {progress.agents.length > 0 && (
        <table className="w-full max-w-2xl text-sm" aria-label={`${name}: per agent`}>
          <TableHead columns={AGENT_COLUMNS} cellClassName="py-1 pr-4" />
          <tbody className="tabular-nums">
            {progress.agents.map((a) => (
              <tr key={a.agentId ?? "none"} className="border-t border-slate-100">
                <td className="py-1 pr-4 text-slate-800">{a.name ?? "—"}</td>
                <td className="py-1 pr-4 text-right">{a.dialed}</td>
                <td className="py-1 pr-4 text-right">{a.connected}</td>
                <td className="py-1 text-right">{formatDuration(a.talkSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {progress.outcomes.length > 0 && (
        <p className="flex flex-wrap gap-1.5 text-xs">
          {progress.outcomes.map((o) => (
            <span key={o.outcome} className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">
              {o.outcome}: <strong className="tabular-nums">{o.calls}</strong>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
