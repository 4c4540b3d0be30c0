"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { CallPanel } from "@/components/calls/call-panel";
import { NewLeadBadge, TimeLeft } from "@/components/leads/first-response-clock";
import { StatusBadge } from "@/components/leads/status-badge";
import { DateTime } from "@/components/ui/date-time";
import { formatDuration } from "@/components/ui/format";
import { useNow } from "@/components/ui/use-now";
// The lead on offer in the dialer: who they are, their numbers, the last calls and outcomes, notes
// and open follow-ups, and the call panel (countdown, Call, Hang up, the outcome form).
import { callStatusLabel } from "@/lib/calls/status";
import { isWaiting } from "@/lib/leads/first-response";
import type { DialerOffer } from "@/lib/queries/dialer";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      <div className="mt-2">{children}</div>
    </section>
  );
}

export function OfferCard({
  offer,
  countdownSeconds,
  onStarted,
  onOutcomeSaved,
  actions,
}: {
  offer: DialerOffer;
  countdownSeconds: number | null;
  onStarted: () => void;
  onOutcomeSaved: () => void;
  actions: ReactNode;
}) {
  const { lead } = offer;
  // A new lead's clock, live until the first call (speed to lead: the dialer offers these first).
  const waiting = offer.newLead && isWaiting(lead.firstResponse);
  const now = useNow(waiting);
  return (
    <article className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]" data-testid="dialer-offer" data-lead-id={lead.id}>
      <div className="space-y-5 rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="truncate text-2xl font-semibold text-slate-900" data-testid="dialer-lead-name">
                <Link href={`/leads/${lead.id}`} className="hover:underline">
                  {lead.name}
                </Link>
              </h2>
              <StatusBadge status={lead.status} />
              {offer.newLead && <NewLeadBadge />}
              {waiting && lead.firstResponse.dueAt && <TimeLeft dueAt={lead.firstResponse.dueAt} now={now} className="text-sm" />}
            </div>
            <ul className="mt-1 space-y-0.5 text-slate-700 tabular-nums">
              {lead.phones.map((p) => (
                <li key={p.number} className={p.primary ? "text-lg" : "text-sm text-slate-500"}>
                  {p.display} <span className="text-xs text-slate-400">{p.label.toLowerCase()}</span>
                </li>
              ))}
            </ul>
            <p className="mt-2 text-sm text-slate-500">
              {lead.source ? `${lead.source} · ` : ""}Last contacted <DateTime iso={lead.lastContactedAt} relative empty="never" />
            </p>
          </div>
          <CallPanel
            leadId={lead.id}
            leadName={lead.name}
            phones={lead.phones}
            leadStatus={lead.status}
            offerId={offer.id}
            countdownSeconds={countdownSeconds}
            initialCall={offer.state === "CALLED" && offer.callId ? { id: offer.callId, callId: null, status: "INITIATED" } : null}
            onStarted={onStarted}
            onOutcomeSaved={onOutcomeSaved}
          />
        </div>
        {actions}
      </div>
      <aside className="space-y-5 rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200">
        <Section title="Last calls">
          {offer.calls.length === 0 ? (
            <p className="text-sm text-slate-500">Never called.</p>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="dialer-last-calls">
              {offer.calls.map((a) => (
                <li key={a.id} className="flex flex-wrap gap-x-2">
                  <span className="font-medium text-slate-800">{a.call ? callStatusLabel(a.call.status) : "Call"}</span>
                  {a.call?.disposition && <span className="text-brand-700">{a.call.disposition}</span>}
                  {a.call?.talkSeconds ? <span className="text-slate-500">{formatDuration(a.call.talkSeconds)}</span> : null}
                  <span className="text-slate-400">
                    <DateTime iso={a.createdAt} relative />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Notes">
          {offer.notes.length === 0 ? (
            <p className="text-sm text-slate-500">No notes.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {offer.notes.map((n) => (
                <li key={n.id} className="text-slate-700">
                  <p className="line-clamp-3 whitespace-pre-wrap">{String(n.payload.body ?? "")}</p>
                  <p className="text-xs text-slate-400">
                    {n.actor?.name ?? "Added automatically"} · <DateTime iso={n.createdAt} relative />
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Open follow-ups">
          {offer.openTasks.length === 0 ? (
            <p className="text-sm text-slate-500">None.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {offer.openTasks.map((t) => (
                <li key={t.id} className="text-slate-700">
                  {t.title} · <DateTime iso={t.dueAt} relative />
                </li>
              ))}
            </ul>
          )}
        </Section>
      </aside>
    </article>
  );
}
