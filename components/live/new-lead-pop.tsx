"use client";
// The new-lead pop: a lead has just become this agent's with its first-response clock running
// (lib/queries/new-leads.ts decides, from the live stream). Who, from where, what they asked, the
// time left (live, red once overdue), and Call now — the click-to-call every other Call button
// places (do-not-call, consent, calling hours and one call at a time checked by the server; a
// refusal said here) — which then opens the lead with the call live. Dismiss puts it away for good
// in this tab. While the tab is in the background a browser notification says the same, with the
// permission the nav's "Enable call alerts" asked for.
// The card (new-lead-pop-card.tsx) loads when a lead pops, not with every page.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { lazyComponent } from "@/components/ui/lazy";
import type { LeadDto } from "@/lib/leads/dto";
import { timeLeft } from "@/lib/leads/first-response";
import { newLeadPopsOptions } from "@/lib/queries/new-leads";
import { useOnNewLead } from "./live-provider";

const NewLeadPopCard = lazyComponent(() => import("./new-lead-pop-card").then((m) => m.NewLeadPopCard));

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
  if (!lead) return null;
  // The newest on top; the others follow as each is called or dismissed.
  return <NewLeadPopCard key={lead.id} lead={lead} source={sourceOf(lead)} more={items.length - 1} />;
}
