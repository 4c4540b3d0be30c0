"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { DialButton } from "@/components/calls/dial-button";
import { NeedsOutcome } from "@/components/calls/needs-outcome";
import { useFallbackInterval } from "@/components/live/live-provider";
import { TaskList } from "@/components/tasks/task-list";
import { QueryList } from "@/components/ui/query-state";
import { Spinner } from "@/components/ui/spinner";
import type { CallListItem } from "@/lib/calls/list";
import { CALL_STATUS_LABELS } from "@/lib/calls/status";
import type { LeadDto } from "@/lib/leads/dto";
import { callsSinceOptions, missedCallbacksOptions } from "@/lib/queries/calls";
import { recentLeadsOptions } from "@/lib/queries/leads";
import { startOfIstDay } from "@/lib/time/india";
import { StatusBadge } from "../leads/status-badge";
import { formatDuration, formatRelative, formatTime } from "../ui/format";
import { NewLeadsQueue, type QueueScope } from "./new-leads-queue";

function Card({ title, children, action }: { title: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <section className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200" aria-label={title}>
      <div className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        {action}
      </div>
      <div className="p-2">{children}</div>
    </section>
  );
}

function CardLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="text-sm font-medium text-brand-600 hover:text-brand-700">
      {children}
    </Link>
  );
}

function MissedCall({ call: c }: { call: CallListItem }) {
  return (
    <li className="flex items-center justify-between gap-3 px-3 py-2.5">
      <div className="min-w-0">
        <p className="truncate font-medium text-slate-900">{c.lead?.name ?? "Unknown caller"}</p>
        <p className="text-sm text-slate-500">
          {c.lead ? c.lead.phoneDisplay : c.customerDisplay} · called {formatRelative(c.createdAt)}
        </p>
      </div>
      {c.lead && <DialButton leadId={c.lead.id} leadName={c.lead.name} label="Call back" />}
    </li>
  );
}

function TodayCall({ call: c }: { call: CallListItem }) {
  return (
    <li>
      <Link
        href={c.lead ? `/leads/${c.lead.id}` : "#"}
        className="flex items-center justify-between gap-3 rounded-md px-3 py-2.5 hover:bg-slate-50"
      >
        <div className="min-w-0">
          <p className="truncate font-medium text-slate-900">{c.lead?.name ?? c.customerNumber}</p>
          <p className="text-sm text-slate-500">
            {c.direction === "INBOUND" ? "Incoming" : "Outgoing"} · {CALL_STATUS_LABELS[c.status]}
            {c.talkSeconds ? ` · ${formatDuration(c.talkSeconds)}` : ""}
          </p>
        </div>
        <time className="shrink-0 text-sm text-slate-500" dateTime={c.createdAt}>
          {formatTime(c.createdAt)}
        </time>
      </Link>
    </li>
  );
}

function RecentLead({ lead: l }: { lead: LeadDto }) {
  return (
    <li>
      <Link href={`/leads/${l.id}`} className="flex items-center justify-between gap-3 rounded-md px-3 py-2.5 hover:bg-slate-50">
        <span className="min-w-0">
          <span className="block truncate font-medium text-slate-900">{l.name}</span>
          <span className="text-sm text-slate-500">{l.phoneDisplay}</span>
        </span>
        <StatusBadge status={l.status} />
      </Link>
    </li>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl bg-white px-5 py-4 shadow-xs ring-1 ring-slate-200">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}

const DAY_OF: Record<QueueScope, string> = { own: "Your day", team: "Your team's day", all: "The floor's day" };

export function HomeView({ name, userId, queue }: { name: string; userId: string; queue: QueueScope }) {
  // "Today" is the floor's day: India time, as on the dashboard.
  const [since] = useState(() => startOfIstDay().toISOString());
  const fallback = useFallbackInterval(10_000);
  const today = useQuery({ ...callsSinceOptions(since), refetchInterval: fallback });
  const callbacks = useQuery({ ...missedCallbacksOptions(), refetchInterval: fallback });
  const recent = useQuery(recentLeadsOptions(8));
  const s = today.data?.summary;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Hello, {name.split(" ")[0]}</h1>
        {/* The numbers below are the calls the viewer may see: their own, their team's, or the whole floor's. */}
        <p className="text-sm text-slate-500">{DAY_OF[queue]} at a glance.</p>
      </div>
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Calls today" value={s ? String(s.total) : "–"} />
        <Stat label="Answered" value={s ? String(s.answered) : "–"} />
        <Stat label="Missed" value={s ? String(s.missed) : "–"} />
        <Stat label="Talk time" value={s ? formatDuration(s.talkSeconds) : "–"} />
      </dl>
      <NewLeadsQueue viewerId={userId} scope={queue} />
      <NeedsOutcome />
      <Card title="My follow-ups" action={<CardLink href="/tasks">All tasks →</CardLink>}>
        <TaskList limit={5} emptyText="Nothing to follow up. Nice." />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={`Missed calls to return${callbacks.data ? ` (${callbacks.data.items.length})` : ""}`}>
          <QueryList
            query={callbacks}
            what="missed calls"
            empty="No missed calls waiting. Nice."
            className="divide-y divide-slate-100"
            testId="missed-callbacks"
          >
            {(c) => <MissedCall key={c.id} call={c} />}
          </QueryList>
        </Card>
        <Card
          title="Today's calls"
          action={today.isFetching ? <Spinner className="size-4 text-slate-400" label="Refreshing" /> : undefined}
        >
          <QueryList query={today} what="today's calls" empty="No calls yet today." className="divide-y divide-slate-100">
            {(c) => <TodayCall key={c.id} call={c} />}
          </QueryList>
        </Card>
      </div>
      <Card title="Recently updated leads" action={<CardLink href="/leads">All leads →</CardLink>}>
        <QueryList query={recent} what="leads" empty="No leads yet." className="grid gap-1 sm:grid-cols-2">
          {(l) => <RecentLead key={l.id} lead={l} />}
        </QueryList>
      </Card>
    </div>
  );
}
