"use client";
// The new-lead pop's card (see new-lead-pop.tsx): who, from where, what they asked, the time left,
// Open lead and Call now. Loaded when a lead pops, not with every page.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { TimeLeft } from "@/components/leads/first-response-clock";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { PhoneIcon } from "@/components/ui/phone-icon";
import { Spinner } from "@/components/ui/spinner";
import { useNow } from "@/components/ui/use-now";
import type { ActivityDto, LeadDto } from "@/lib/leads/dto";
import { ApiError, reacting } from "@/lib/queries/api";
import { startCallMutation } from "@/lib/queries/calls";
import { activitiesOptions } from "@/lib/queries/leads";
import { dismissNewLeadPop } from "@/lib/queries/new-leads";

/** What they asked: the newest note (a form's message arrives as one) or a later enquiry's message. */
function newestAsk(activities: ActivityDto[]): string | null {
  for (const a of activities) {
    const text = a.type === "NOTE" ? a.payload.body : a.type === "ENQUIRED_AGAIN" ? a.payload.message : null;
    if (typeof text === "string" && text.trim()) return text.trim();
  }
  return null;
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

export function NewLeadPopCard({ lead, source, more }: { lead: LeadDto; source: string; more: number }) {
  const now = useNow(true);
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
          <span data-testid="new-lead-source">{source}</span>
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
