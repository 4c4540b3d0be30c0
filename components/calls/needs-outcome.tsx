"use client";
// Home's "N calls need an outcome": the server's list of the agent's calls without one, each with
// Record outcome (the same form as after a call). Nothing is lost to a reload or a closed tab.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { CallListItem } from "@/lib/calls/list";
import { CALL_STATUS_LABELS } from "@/lib/calls/status";
import { needsOutcomeOptions } from "@/lib/queries/calls";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { countOf, formatDuration, formatTime } from "../ui/format";
import { DispositionForm } from "./lazy-disposition-form";

export function NeedsOutcome() {
  const calls = useQuery(needsOutcomeOptions());
  const [open, setOpen] = useState<CallListItem | null>(null);
  const items = calls.data?.items ?? [];
  if (!calls.data || calls.data.total === 0) return null;
  return (
    <section
      className="rounded-xl bg-amber-50 shadow-xs ring-1 ring-amber-200"
      aria-labelledby="needs-outcome-heading"
      data-testid="needs-outcome"
    >
      <h2 id="needs-outcome-heading" className="border-b border-amber-200 px-5 py-3 text-sm font-semibold text-amber-950">
        {countOf(calls.data.total, "call needs an outcome", "calls need an outcome")}
      </h2>
      <ul className="divide-y divide-amber-100">
        {items.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-2.5">
            <div className="min-w-0">
              {c.lead ? (
                <Link href={`/leads/${c.lead.id}`} className="font-medium text-slate-900 underline-offset-2 hover:underline">
                  {c.lead.name}
                </Link>
              ) : (
                <span className="font-medium text-slate-900">{c.customerDisplay}</span>
              )}
              <p className="text-sm text-slate-600">
                {c.direction === "INBOUND" ? "Incoming" : "Outgoing"} · {CALL_STATUS_LABELS[c.status]}
                {c.talkSeconds ? ` · ${formatDuration(c.talkSeconds)}` : ""} · {formatTime(c.createdAt)}
              </p>
            </div>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setOpen(c)}
              aria-label={`Record the outcome of the call with ${c.lead?.name ?? c.customerDisplay}`}
            >
              Record outcome
            </Button>
          </li>
        ))}
      </ul>
      <Dialog open={!!open} onClose={() => setOpen(null)} title={open?.lead ? `Call with ${open.lead.name}` : "Call outcome"}>
        {open?.leadId && (
          <DispositionForm
            call={open}
            leadId={open.leadId}
            leadStatus={open.lead?.status}
            onDone={() => setOpen(null)}
            onSaved={() => setOpen(null)}
            bare
          />
        )}
      </Dialog>
    </section>
  );
}
