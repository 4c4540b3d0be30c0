// Speed to lead in a sales floor's words, pure (the browser's new-lead pop, the Home queue, the
// lead page, /live): the time left on a lead's first-response clock as a countdown ("4:12"), and
// what the clock says once the lead was called ("Called 2 min after arriving").

/** The lead DTO's `firstResponse` (lib/leads/dto.ts). */
export interface FirstResponse {
  dueAt: string | null;
  firstCallAt: string | null;
  firstConnectAt: string | null;
  breached: boolean;
}

/** A new lead pops in its owner's tabs only when it arrived (or was moved to them) this recently. */
export const NEW_LEAD_POP_WINDOW_MS = 5 * 60_000;

/** The clock runs and nobody has called the lead yet. */
export function isWaiting(fr: FirstResponse | null | undefined): fr is FirstResponse & { dueAt: string } {
  return !!fr?.dueAt && fr.firstCallAt === null;
}

/** Whether a stamp (the lead's arrival, its move to the viewer) lies within the pop's window before `now`. */
export function isRecent(iso: string, now: number, windowMs = NEW_LEAD_POP_WINDOW_MS): boolean {
  const at = Date.parse(iso);
  // A stamp a little ahead of this clock (skew) counts as now.
  return Number.isFinite(at) && now - at <= windowMs;
}

/**
 * A countdown as the floor reads it: "0:05", "4:12", "59:59"; from an hour on "2h 05m"; from a
 * day on "2d 3h" (a lead that arrived after calling hours is due the next calling day).
 */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 3600) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

export interface TimeLeft {
  /** Whole seconds left (rounded up: "0:01" until the due moment), or overdue (rounded down). */
  seconds: number;
  overdue: boolean;
  /** "4:12", or how long overdue. */
  clock: string;
  /** "4:12 left" / "2:10 overdue". */
  words: string;
}

/** The time left until `dueAt` at `now` (ms). */
export function timeLeft(dueAt: string, now: number): TimeLeft {
  const ms = Date.parse(dueAt) - now;
  const overdue = ms <= 0;
  const seconds = overdue ? Math.floor(Math.abs(ms) / 1000) : Math.ceil(ms / 1000);
  const clock = formatClock(seconds);
  return { seconds, overdue, clock, words: overdue ? `${clock} overdue` : `${clock} left` };
}

/** A span in words: "40 s", "2 min", "1 h 05 min", "3 days". */
export function spanWords(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
  const days = Math.round(s / 86_400);
  return `${days} day${days === 1 ? "" : "s"}`;
}

export type ClockState = { kind: "due"; left: TimeLeft; text: string } | { kind: "called"; late: boolean; text: string } | { kind: "none" };

/**
 * What the lead page says about the first-response clock: "First call due in 3:12" (running),
 * "First call overdue by 2:10", then "Called 2 min after arriving" or "First call was 12 min late".
 */
export function clockState(lead: { createdAt: string; firstResponse: FirstResponse }, now: number): ClockState {
  const { dueAt, firstCallAt } = lead.firstResponse;
  if (!dueAt) return { kind: "none" };
  if (firstCallAt === null) {
    const left = timeLeft(dueAt, now);
    return { kind: "due", left, text: left.overdue ? `First call overdue by ${left.clock}` : `First call due in ${left.clock}` };
  }
  const lateBy = (Date.parse(firstCallAt) - Date.parse(dueAt)) / 1000;
  if (lateBy > 0) return { kind: "called", late: true, text: `First call was ${spanWords(lateBy)} late` };
  const after = (Date.parse(firstCallAt) - Date.parse(lead.createdAt)) / 1000;
  return {
    kind: "called",
    late: false,
    text: after < 60 ? "Called within a minute of arriving" : `Called ${spanWords(after)} after arriving`,
  };
}
