"use client";
// /live's "Leads waiting": new leads nobody has called yet, a manager's team's (admins: everyone's),
// the longest waiting first, with owner, source, how long each has waited (live), red once its first
// call is overdue, and "moved N times" when the clock passed it on. Kept current by the live stream.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFallbackInterval } from "@/components/live/live-provider";
import { cx } from "@/components/ui/cx";
import { formatCount } from "@/components/ui/format";
import { EmptyText, QueryState } from "@/components/ui/query-state";
import { useNow } from "@/components/ui/use-now";
import { formatClock, timeLeft } from "@/lib/leads/first-response";
import { type WaitingLead, waitingLeadsOptions } from "@/lib/queries/leads";

const SHOWN = 50;

function Row({ lead, now }: { lead: WaitingLead; now: number }) {
  const left = lead.firstResponse.dueAt ? timeLeft(lead.firstResponse.dueAt, now) : null;
  const waited = formatClock(Math.max(0, (now - Date.parse(lead.createdAt)) / 1000));
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2.5 text-sm"
      data-testid="board-waiting-lead"
      data-lead-id={lead.id}
      data-overdue={left?.overdue ?? false}
    >
      <div className="min-w-0 flex-1 basis-56">
        <Link href={`/leads/${lead.id}`} className="font-medium text-brand-700 hover:underline">
          {lead.name}
        </Link>
        <p className="truncate text-slate-500">
          {[lead.source ?? "No source", lead.subSource].filter(Boolean).join(" · ")} ·{" "}
          <span className="text-slate-700">{lead.owner?.name ?? "Unassigned"}</span>
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2 tabular-nums">
        {lead.reassignments > 0 && (
          <span className="rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-800" data-testid="moved-times">
            moved {lead.reassignments === 1 ? "once" : `${lead.reassignments} times`}
          </span>
        )}
        <span
          role="timer"
          aria-live="off"
          className={cx("rounded-md px-2 py-0.5 font-medium", left?.overdue ? "bg-rose-50 text-rose-800" : "bg-slate-50 text-slate-700")}
          data-testid="waiting-time"
        >
          Waiting {waited}
          {left ? ` · ${left.words}` : ""}
        </span>
      </div>
    </li>
  );
}

export function LeadsWaitingPanel() {
  const waiting = useQuery({ ...waitingLeadsOptions({ order: "oldest", limit: SHOWN }), refetchInterval: useFallbackInterval(10_000) });
  const now = useNow((waiting.data?.items.length ?? 0) > 0);
  const total = waiting.data?.total ?? 0;
  const overdue = waiting.data?.items.filter((l) => l.firstResponse.dueAt && timeLeft(l.firstResponse.dueAt, now).overdue).length ?? 0;
  return (
    <section className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200" aria-labelledby="leads-waiting">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id="leads-waiting" className="text-sm font-semibold text-slate-900">
          Leads waiting for a first call{waiting.data ? ` (${formatCount(total)}${waiting.data.totalCapped ? "+" : ""})` : ""}
        </h2>
        {overdue > 0 && (
          <p className="text-sm font-medium text-rose-700" data-testid="waiting-overdue">
            {formatCount(overdue)} overdue
          </p>
        )}
      </div>
      <QueryState
        query={waiting}
        what="the leads waiting"
        className="py-6"
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyText>No new lead is waiting for a call.</EmptyText>}
      >
        {(d) => (
          <>
            <ul className="divide-y divide-slate-100" data-testid="board-leads-waiting">
              {d.items.map((l) => (
                <Row key={l.id} lead={l} now={now} />
              ))}
            </ul>
            {total > d.items.length && (
              <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
                The {d.items.length} waiting longest of {formatCount(total)}
                {d.totalCapped ? "+" : ""}.
              </p>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
