// India Standard Time (UTC+05:30, no daylight saving): the calendar the sales floor works by.
export const INDIA_TZ = "Asia/Kolkata";
const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

/** The IST calendar day of an instant, as YYYY-MM-DD. */
export function istDay(at = new Date()): string {
  return new Date(at.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight IST at the start of a YYYY-MM-DD day, as an instant. */
export function istMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+05:30`);
}

/** Midnight IST at the start of the day `at` falls on. */
export function startOfIstDay(at = new Date()): Date {
  return istMidnight(istDay(at));
}

/** Seconds from `at` to the next IST midnight. */
export function secondsToIstMidnight(at = new Date()): number {
  return Math.max(1, Math.ceil((startOfIstDay(at).getTime() + DAY_MS - at.getTime()) / 1000));
}
