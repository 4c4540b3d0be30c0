"use client";
// The new-lead pop: a lead has just become this agent's with its first-response clock running
// (lib/queries/new-leads.ts decides, from the live stream). Who, from where, what they asked, the
// time left (live, red once overdue), and Call now — the click-to-call every other Call button
// places (do-not-call, consent, calling hours and one call at a time checked by the server; a
// refusal said here) — which then opens the lead with the call live. Dismiss puts it away for good
// in this tab. While the tab is in the background a browser notification says the same, with the
// permission the nav's "Enable call alerts" asked for.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";
import { TimeLeft } from "@/components/leads/first-response-clock";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { PhoneIcon } from "@/components/ui/phone-icon";
import { Spinner } from "@/components/ui/spinner";
import { useNow } from "@/components/ui/use-now";
import type { ActivityDto, LeadDto } from "@/lib/leads/dto";
import { timeLeft } from "@/lib/leads/first-response";
import { ApiError, reacting } from "@/lib/queries/api";
import { startCallMutation } from "@/lib/queries/calls";
import { activitiesOptions } from "@/lib/queries/leads";
import { dismissNewLeadPop, newLeadPopsOptions } from "@/lib/queries/new-leads";
import { useOnNewLead } from "./live-provider";

/** What they asked: the newest note (a form's message arrives as one) or a later enquiry's message. */
function newestAsk(activities: ActivityDto[]): string | null {
  for (const a of activities) {
    const text = a.type === "NOTE" ? a.payload.body : a.type === "ENQUIRED_AGAIN" ? a.payload.message : null;
    if (typeof text === "string" && text.trim()) return text.trim();
  }
  return null;
}

const sourceOf = (lead: LeadDto) => [lead.source, lead.subSource].filter(Boolean).join(" · ") || "No source";

function notify(lead: LeadDto) {
  if (typeof Notification === "undefined" || Notification.permission !== "granted" || !document.hidden) return;
  const due = lead.firstResponse.dueAt ? timeLeft(lead.firstResponse.dueAt, Date.now()).words : null;
  // One notification per lead whatever the number of open tabs (the tag replaces the others').
  const n = new Notification(`New lead: ${lead.name}`, { body: [sourceOf(lead), due].filter(Boolean).join(" · "), tag: `lead-${lead.id}` });
  n.onclick = () => {
    window.focus();
    n.close();
  };
}

function Asked({ leadId }: { leadId: string }) {
  // The lead's timeline, which its page reads too (opened from here, it is there at once).
  const activities = useInfiniteQuery(activitiesOptions(leadId));
  if (activities.isPending) return <Spinner className="size-4 text-slate-400" label="Loading what they asked" />;
  if (activities.isError && !activities.data) return <p className="text-sm text-slate-500">Could not load their message.</p>;
  const asked = newestAsk(activities.data?.pages.flatMap((p) => p.items) ?? []);
  if (!asked) return <p className="text-sm text-slate-500">No message with the lead.</p>;
  return (
    <blockquote
      className="line-clamp-3 border-l-2 border-slate-200 pl-2 text-sm whitespace-pre-wrap text-slate-700"
      data-testid="new-lead-asked"
    >
      {asked}
    </blockquote>
  );
}

function Pop({ lead, more, now }: { lead: LeadDto; more: number; now: number }) {
  const client = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const href = `/leads/${lead.id}`;
  const dismiss = () => dismissNewLeadPop(client, lead.id);
  const dial = useMutation(
    reacting(startCallMutation(lead.id), {
      onSuccess: () => {
        dismiss();
        // On the lead's own page already: read it again, so its call bar shows the call.
        if (pathname === href) window.location.reload();
        else router.push(href);
      },
    }),
  );
  const refusal =
    dial.error instanceof ApiError && dial.error.body.activeCall ? "You already have a call in progress." : dial.error?.message;
  const titleId = `new-lead-${lead.id}`;
  return (
    <section
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${titleId}-label ${titleId}`}
      className={cx(
        "fixed inset-x-3 top-16 z-40 space-y-3 rounded-xl bg-white p-4 shadow-xl ring-1 ring-amber-300",
        "lg:top-auto lg:right-auto lg:bottom-4 lg:left-4 lg:w-[22rem]",
      )}
      data-testid="new-lead-pop"
      data-lead-id={lead.id}
    >
      <div className="flex items-center justify-between gap-2">
        <p
          id={`${titleId}-label`}
          className="inline-flex items-center gap-2 rounded-full bg-amber-100 px-2.5 py-1 text-xs font-semibold text-amber-900"
        >
          New lead{more > 0 ? ` · ${more} more waiting` : ""}
        </p>
        <Button size="sm" variant="ghost" onClick={dismiss} aria-label={`Dismiss the new lead ${lead.name}`}>
          Dismiss
        </Button>
      </div>
      <div className="min-w-0 space-y-1">
        <p id={titleId} className="truncate text-lg font-semibold text-slate-900" data-testid="new-lead-name">
          {lead.name}
        </p>
        <p className="flex flex-wrap items-center gap-x-2 text-sm text-slate-600">
          <span data-testid="new-lead-source">{sourceOf(lead)}</span>
          <span aria-hidden>·</span>
          <span className="tabular-nums">{lead.phoneDisplay}</span>
        </p>
      </div>
      <Asked leadId={lead.id} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        {lead.firstResponse.dueAt && <TimeLeft dueAt={lead.firstResponse.dueAt} now={now} />}
        <div className="flex items-center gap-2">
          <Link href={href} onClick={dismiss} className="rounded-md px-2 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50">
            Open lead
          </Link>
          <Button
            variant="success"
            onClick={() => dial.mutate({})}
            loading={dial.isPending}
            aria-label={`Call ${lead.name} now`}
            data-testid="new-lead-call"
          >
            {!dial.isPending && <PhoneIcon className="size-4" />}
            {dial.isPending ? "Calling…" : "Call now"}
          </Button>
        </div>
      </div>
      {refusal && (
        <p role="alert" className="text-sm text-rose-700" data-testid="new-lead-call-error">
          {refusal}
        </p>
      )}
    </section>
  );
}

/** A moment for the events of the same change to land (a new caller's screen pop takes the lead's pop away). */
const NOTIFY_AFTER_MS = 700;

export function NewLeadPop() {
  const client = useQueryClient();
  const pops = useQuery(newLeadPopsOptions());
  const onNewLead = useOnNewLead();
  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const off = onNewLead((lead) => {
      const t = setTimeout(() => {
        timers.delete(t);
        const still = client.getQueryData<{ items: LeadDto[] }>(newLeadPopsOptions().queryKey)?.items.some((l) => l.id === lead.id);
        if (still) notify(lead);
      }, NOTIFY_AFTER_MS);
      timers.add(t);
    });
    return () => {
      off();
      for (const t of timers) clearTimeout(t);
    };
  }, [onNewLead, client]);
  const items = pops.data?.items ?? [];
  const lead = items[0];
  const now = useNow(!!lead);
  if (!lead) return null;
  // The newest on top; the others follow as each is called or dismissed.
  return <Pop key={lead.id} lead={lead} more={items.length - 1} now={now} />;
}
