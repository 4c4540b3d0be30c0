"use client";
// The first-response clock on screen: a live countdown to a new lead's first call ("4:12 left", red
// once overdue), the "New lead" mark, and the lead page's line ("First call due in 3:12", "Called
// 2 min after arriving", "First call was 12 min late"). Until the page is live the server's render
// shows the due time itself, so hydration never depends on whose clock rendered it.
import { cx } from "@/components/ui/cx";
import { useHydrated } from "@/components/ui/date-time";
import { formatTime } from "@/components/ui/format";
import { useNow } from "@/components/ui/use-now";
import { clockState, type FirstResponse, timeLeft } from "@/lib/leads/first-response";

/** "4:12 left" / "2:10 overdue" at `now` (the list's one clock, so fifty rows tick together). */
export function TimeLeft({ dueAt, now, className }: { dueAt: string; now: number; className?: string }) {
  const hydrated = useHydrated();
  if (!hydrated)
    return (
      <time dateTime={dueAt} className={cx("tabular-nums", className)}>
        due {formatTime(dueAt)}
      </time>
    );
  const left = timeLeft(dueAt, now);
  return (
    <span
      role="timer"
      aria-live="off"
      title={`First call due ${formatTime(dueAt)} (India time)`}
      className={cx("font-medium tabular-nums", left.overdue ? "text-rose-700" : "text-slate-700", className)}
      data-testid="time-left"
      data-overdue={left.overdue}
    >
      {left.words}
    </span>
  );
}

export function NewLeadBadge() {
  return (
    <span
      className={cx(
        "inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5",
        "text-xs font-semibold text-amber-900 ring-1 ring-amber-600/20 ring-inset",
      )}
      data-testid="new-lead-badge"
    >
      New lead
    </span>
  );
}

/** The lead page's line about its first-response clock (nothing for a lead without one). */
export function FirstResponseClock({ lead }: { lead: { createdAt: string; firstResponse: FirstResponse } }) {
  const running = lead.firstResponse.dueAt !== null && lead.firstResponse.firstCallAt === null;
  const now = useNow(running);
  const hydrated = useHydrated();
  const state = clockState(lead, now);
  if (state.kind === "none") return null;
  if (state.kind === "due" && !hydrated)
    return (
      <p className="mt-1 text-sm text-slate-700" data-testid="first-response">
        First call due by <time dateTime={lead.firstResponse.dueAt!}>{formatTime(lead.firstResponse.dueAt!)}</time>
      </p>
    );
  const alarm = state.kind === "due" ? state.left.overdue : state.late;
  return (
    <p
      role={state.kind === "due" ? "timer" : undefined}
      aria-live="off"
      className={cx(
        "mt-1 inline-flex items-center gap-1.5 rounded-md px-2 py-0.5 text-sm font-medium tabular-nums",
        alarm ? "bg-rose-50 text-rose-800" : state.kind === "due" ? "bg-amber-50 text-amber-900" : "bg-emerald-50 text-emerald-800",
      )}
      data-testid="first-response"
      data-state={state.kind === "due" ? (alarm ? "overdue" : "running") : alarm ? "late" : "on-time"}
    >
      <span
        aria-hidden
        className={cx("size-1.5 rounded-full", alarm ? "bg-rose-600" : state.kind === "due" ? "bg-amber-500" : "bg-emerald-600")}
      />
      {state.text}
    </p>
  );
}
