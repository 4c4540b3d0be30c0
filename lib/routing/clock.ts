// The first-response clock, pure: a target in minutes counted only inside calling hours (a lead
// arriving at 22:00 IST with a 5-minute target is due at 09:05 the next calling day; one arriving
// at 20:58 with 21:00 closing is due 3 minutes after the next opening), holidays skipped.
import { type CallingHours, callingWindow } from "../compliance/hours";

/** When `minutes` of calling time have passed after `from`. Null when no calling day is in sight (every day closed). */
export function dueAfter(from: Date, minutes: number, hours: CallingHours, holidays: readonly string[]): Date | null {
  let left = minutes * 60_000;
  let at = from;
  for (let guard = 0; guard < 60; guard++) {
    const w = callingWindow(hours, holidays, at);
    if (!w.open) {
      if (!w.nextAllowedAt) return null;
      at = w.nextAllowedAt;
      continue;
    }
    const room = w.closesAt!.getTime() - at.getTime();
    if (left <= room) return new Date(at.getTime() + left);
    left -= room;
    at = w.closesAt!;
  }
  return null;
}

/** The reminder's moment: `share` of the way from `from` to `due`, in calling time. */
export function remindAt(from: Date, minutes: number, share: number, hours: CallingHours, holidays: readonly string[]): Date | null {
  return dueAfter(from, Math.max(0, minutes * share), hours, holidays);
}
