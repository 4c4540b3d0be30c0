"use client";
// Home's "New leads to call": the viewer's new leads nobody has called yet (a manager's: their
// team's too), overdue first then by time left, each with its live countdown, source, what they
// asked and Call. Kept current by the live stream (lead events, first calls); polled while it is down.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DialButton } from "@/components/calls/dial-button";
import { TimeLeft } from "@/components/leads/first-response-clock";
import { useFallbackInterval } from "@/components/live/live-provider";
import { formatCount } from "@/components/ui/format";
import { QueryList } from "@/components/ui/query-state";
import { Spinner } from "@/components/ui/spinner";
import { useNow } from "@/components/ui/use-now";
import { type WaitingLead, waitingLeadsOptions } from "@/lib/queries/leads";

const SHOWN = 20;

function Row({ lead, now, viewerId }: { lead: WaitingLead; now: number; viewerId: string }) {
  const owner = lead.owner && lead.owner.id !== viewerId ? lead.owner.name : null;
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-3 py-2.5"
      data-testid="waiting-lead"
      data-lead-id={lead.id}
    >
      <div className="min-w-0 flex-1 basis-56">
        <p className="flex flex-wrap items-baseline gap-x-2">
          <Link href={`/leads/${lead.id}`} className="max-w-full min-w-0 truncate font-medium text-slate-900 hover:underline">
            {lead.name}
          </Link>
          {lead.firstResponse.dueAt && <TimeLeft dueAt={lead.firstResponse.dueAt} now={now} className="text-sm" />}
        </p>
        <p className="truncate text-sm text-slate-500">
          {[lead.source ?? "No source", owner ? `${owner}'s` : null, lead.asked ? `“${lead.asked}”` : null].filter(Boolean).join(" · ")}
        </p>
      </div>
      {lead.doNotCall ? (
        <span className="text-xs font-medium text-rose-700">Do not call</span>
      ) : (
        <DialButton leadId={lead.id} leadName={lead.name} />
      )}
    </li>
  );
}

/** Whose new leads the viewer follows (teamLeadScope): their own, their team's too, or everyone's. */
export type QueueScope = "own" | "team" | "all";
const SCOPE_WORDS: Record<QueueScope, string> = { own: "", team: " (you and your team)", all: " (everyone's)" };

export function NewLeadsQueue({ viewerId, scope }: { viewerId: string; scope: QueueScope }) {
  const waiting = useQuery({ ...waitingLeadsOptions({ order: "due", limit: SHOWN }), refetchInterval: useFallbackInterval(15_000) });
  const now = useNow((waiting.data?.items.length ?? 0) > 0);
  const total = waiting.data?.total;
  return (
    <section className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200" aria-labelledby="new-leads-heading">
      <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-5 py-3">
        <h2 id="new-leads-heading" className="text-sm font-semibold text-slate-900">
          New leads to call{SCOPE_WORDS[scope]}
          {total ? ` (${formatCount(total)}${waiting.data?.totalCapped ? "+" : ""})` : ""}
        </h2>
        {waiting.isFetching && !waiting.isPending && <Spinner className="size-4 text-slate-400" label="Refreshing new leads" />}
      </div>
      <div className="p-2">
        <QueryList
          query={waiting}
          what="new leads"
          empty={
            <>
              No new enquiries waiting for their first call.{" "}
              <Link href="/leads?status=NEW" className="text-brand-700 underline hover:text-brand-800">
                Leads marked New
              </Link>
            </>
          }
          className="divide-y divide-slate-100"
          testId="new-leads-queue"
        >
          {(l) => <Row key={l.id} lead={l} now={now} viewerId={viewerId} />}
        </QueryList>
        {total !== undefined && total > SHOWN && (
          <p className="px-3 pt-2 pb-1 text-xs text-slate-500">
            The {SHOWN} most urgent of {formatCount(total)}
            {waiting.data?.totalCapped ? "+" : ""}.
          </p>
        )}
      </div>
    </section>
  );
}
