"use client";
// The inbound screen pop's card (see incoming-call.tsx): who is calling, the live state, and the
// outcome form once the call ends. Loaded when a call comes in, not with every page.
import Link from "next/link";
import { DispositionForm } from "@/components/calls/disposition-form";
import { StatusBadge } from "@/components/leads/status-badge";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { formatDuration, formatRelative } from "@/components/ui/format";
import { PhoneIcon } from "@/components/ui/phone-icon";
import { useNow } from "@/components/ui/use-now";
import { CALL_STATUS_LABELS, callStatusLabel, isActiveCallStatus } from "@/lib/calls/status";
import type { LeadStatusValue } from "@/lib/leads/status-labels";
import type { CallerCard } from "@/lib/queries/live";
import { useCallElapsed } from "../calls/call-clock";

type CallerLead = CallerCard["leads"][number];

function LeadSummary({ lead }: { lead: CallerLead }) {
  return (
    <div className="space-y-1.5 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={lead.status as LeadStatusValue} />
        <span className="text-slate-600">{lead.owner ? `Owner: ${lead.owner.name}` : "Unassigned"}</span>
      </div>
      <p className="text-slate-600" data-testid="caller-last-call">
        {lead.lastCall
          ? `Last call ${formatRelative(lead.lastCall.at)}: ${callStatusLabel(lead.lastCall.status)}` +
            (lead.lastCall.talkSeconds ? ` · ${formatDuration(lead.lastCall.talkSeconds)}` : "") +
            (lead.lastCall.disposition ? ` · ${lead.lastCall.disposition}` : "")
          : "No earlier calls"}
      </p>
      {lead.openTasks.length > 0 && (
        <ul className="list-inside list-disc text-slate-600" aria-label="Open follow-ups">
          {lead.openTasks.map((t) => (
            <li key={t.id}>{t.title}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function OpenLead({ lead }: { lead: CallerLead }) {
  if (!lead.visible) return <span className="text-xs text-slate-500">Another agent's lead</span>;
  return (
    <Link
      href={`/leads/${lead.id}`}
      className="inline-flex h-8 items-center rounded-md bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700"
    >
      Open lead
    </Link>
  );
}

function Caller({ card }: { card: CallerCard }) {
  const [first, ...others] = card.leads;
  if (!first || card.newCaller) {
    return (
      <div className="space-y-2">
        <p className="text-lg font-semibold text-slate-900" id="incoming-caller">
          Unknown number
        </p>
        <p className="text-sm text-slate-600">{card.number ?? "Number withheld"}</p>
        {first && (
          <div className="flex items-center justify-between gap-2">
            <span className="text-xs text-slate-500">A lead was created for this caller.</span>
            {first.visible && (
              <Link
                href={`/leads/${first.id}`}
                className="inline-flex h-8 items-center rounded-md bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700"
              >
                Add their details
              </Link>
            )}
          </div>
        )}
      </div>
    );
  }
  if (others.length > 0) {
    return (
      <div className="space-y-2">
        <p className="text-lg font-semibold text-slate-900" id="incoming-caller">
          {card.number}
        </p>
        <p className="text-sm text-slate-600">This number belongs to {card.leads.length} leads. Which one is calling?</p>
        <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {card.leads.map((l) => (
            <li key={l.id} className="flex items-center justify-between gap-2 p-2">
              <span className="min-w-0">
                <span className="block truncate font-medium text-slate-900">{l.name}</span>
                <span className="text-xs text-slate-500">{l.owner?.name ?? "Unassigned"}</span>
              </span>
              <OpenLead lead={l} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate text-lg font-semibold text-slate-900" id="incoming-caller">
            {first.name}
          </p>
          <p className="text-sm text-slate-600">{card.number}</p>
        </div>
        <OpenLead lead={first} />
      </div>
      <LeadSummary lead={first} />
    </div>
  );
}

export function IncomingCallCard({ card, onClose: close }: { card: CallerCard; onClose: () => void }) {
  const active = isActiveCallStatus(card.call.status);
  const now = useNow(active);
  const elapsed = useCallElapsed();
  const call = card.call;
  const since = elapsed(call.answeredAt, call.startedAt, now);
  const state = active
    ? call.status === "ANSWERED"
      ? `${CALL_STATUS_LABELS.ANSWERED} · ${formatDuration(since)}`
      : "Incoming call…"
    : "Call ended";
  const mainLead = card.leads[0];

  return (
    <section
      role="dialog"
      aria-modal="false"
      aria-labelledby="incoming-state incoming-caller"
      className={cx(
        "fixed right-4 bottom-4 z-30 w-[22rem] max-w-[calc(100vw-2rem)] space-y-3",
        "rounded-xl bg-white p-4 shadow-xl ring-1 ring-slate-200",
      )}
      data-testid="incoming-call"
      data-call-status={call.status}
    >
      <div className="flex items-center justify-between gap-2">
        <p
          id="incoming-state"
          aria-live="polite"
          className={`inline-flex items-center gap-2 rounded-full px-2.5 py-1 text-xs font-semibold text-white ${
            active ? (call.status === "ANSWERED" ? "bg-emerald-700" : "animate-pulse bg-sky-700") : "bg-slate-700"
          }`}
        >
          <PhoneIcon className="size-3.5" />
          {state}
        </p>
        <Button size="sm" variant="ghost" onClick={close} aria-label="Close the call pop-up">
          Close
        </Button>
      </div>
      <Caller card={card} />
      {!active && call.leadId && mainLead?.visible && (
        <div className="border-t border-slate-100 pt-3" data-testid="incoming-outcome">
          <p className="mb-2 text-sm font-medium text-slate-800">How did it go?</p>
          <DispositionForm key={call.id} call={call} leadId={call.leadId} leadStatus={mainLead.status as LeadStatusValue} onDone={close} />
        </div>
      )}
    </section>
  );
}
