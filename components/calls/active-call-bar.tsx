"use client";
// The agent's call in progress on every page but its lead's (where the call panel has it): who,
// the state and talk time, Hang up, and the way back to the lead. Leaving a lead's page mid-call
// no longer takes the Hang up button away. The live stream keeps it current (lib/queries/live-cache.ts).
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLiveStatus } from "@/components/live/live-provider";
import { cx } from "@/components/ui/cx";
import { CALL_STATUS_LABELS } from "@/lib/calls/status";
import { activeCallOptions, hangupMutation } from "@/lib/queries/calls";
import { Button } from "../ui/button";
import { formatDuration } from "../ui/format";
import { PhoneIcon } from "../ui/phone-icon";
import { useNow } from "../ui/use-now";
import { useCallElapsed } from "./call-clock";

export function ActiveCallBar() {
  const pathname = usePathname();
  const streaming = useLiveStatus() === "open";
  const active = useQuery({
    ...activeCallOptions(),
    // Without the live stream: look again now and then (a call placed from another tab, one that ended).
    refetchInterval: (q) => (streaming ? false : q.state.data?.call ? 3000 : 30_000),
  });
  const call = active.data?.call ?? null;
  const hangup = useMutation(hangupMutation(call?.leadId ?? ""));
  const now = useNow(!!call);
  const elapsed = useCallElapsed();
  if (!call || (call.leadId && pathname === `/leads/${call.leadId}`)) return null;

  const who = call.lead?.name ?? call.customerDisplay ?? "the customer";
  const detail =
    call.status === "ANSWERED"
      ? formatDuration(elapsed(call.answeredAt, call.startedAt, now))
      : call.status === "RINGING"
        ? "Pick up your phone"
        : "Ringing your phone first";
  return (
    <>
      {/* Room at the end of the page, so the bar never covers its last row (a task's Done, a list's footer). */}
      <div aria-hidden className="h-20" data-testid="active-call-bar-spacer" />
      <section
        aria-label="Call in progress"
        className={cx(
          "fixed inset-x-3 bottom-[calc(4.25rem+env(safe-area-inset-bottom))] z-40 rounded-lg px-4 py-3 text-white shadow-lg",
          "lg:inset-x-auto lg:bottom-4 lg:left-4 lg:w-[26rem]",
          call.status === "ANSWERED" ? "bg-emerald-700" : "bg-slate-800",
        )}
        data-testid="active-call-bar"
        data-status={call.status}
      >
        <div className="flex items-center gap-3">
          <PhoneIcon className="size-5 shrink-0" />
          <div className="min-w-0 flex-1" role="status" aria-live="polite">
            <p className="truncate font-semibold">{who}</p>
            <p className="text-sm text-white/80 tabular-nums">
              {CALL_STATUS_LABELS[call.status]} · {detail}
            </p>
          </div>
          {call.leadId && (
            <Link
              href={`/leads/${call.leadId}`}
              className="shrink-0 rounded px-2 py-1 text-sm font-medium text-white underline underline-offset-2 hover:bg-white/10"
            >
              Open lead
            </Link>
          )}
          <Button
            size="sm"
            variant="danger"
            className="shrink-0 ring-1 ring-white/30"
            onClick={() => hangup.mutate(call.callId ?? call.id)}
            loading={hangup.isPending}
            disabled={!call.callId}
            data-testid="active-call-hangup"
          >
            Hang up
          </Button>
        </div>
        {!call.callId && <p className="mt-1 text-xs text-white/70">Hang up becomes available as soon as Smartflo reports the call…</p>}
        {hangup.isError && (
          <p role="alert" className="mt-1 text-sm text-rose-100">
            {hangup.error.message}
          </p>
        )}
      </section>
    </>
  );
}
