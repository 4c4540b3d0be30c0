// How the product writes times, durations and counts: India time (IST) in one fixed format,
// identical on the server and in any browser whatever its time zone or language, so a page never
// reads differently after it hydrates. "3 Dec 2026, 14:05" · "14:05" · "2h 07m" · "1,23,456".
import { INDIA_TZ, istDay } from "@/lib/time/india";

const DATE = new Intl.DateTimeFormat("en-IN", { timeZone: INDIA_TZ, day: "numeric", month: "short", year: "numeric" });
const TIME = new Intl.DateTimeFormat("en-IN", { timeZone: INDIA_TZ, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const SHORT_DAY = new Intl.DateTimeFormat("en-IN", { timeZone: "UTC", day: "numeric", month: "short" });
const COUNT = new Intl.NumberFormat("en-IN");
const RUPEES = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", maximumFractionDigits: 0 });
const RUPEES_PAISE = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", minimumFractionDigits: 2 });

const toDate = (value: string | Date) => (typeof value === "string" ? new Date(value) : value);

/** "3 Dec 2026, 14:05" (IST); "—" when there is none. */
export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return "—";
  const d = toDate(iso);
  return `${DATE.format(d)}, ${TIME.format(d)}`;
}

/** "3 Dec 2026" (the IST day of the instant). */
export function formatDate(iso: string | Date | null | undefined): string {
  return iso ? DATE.format(toDate(iso)) : "—";
}

/** "14:05" (IST); with the day in front when it is not today in India. */
export function formatTime(iso: string | Date, now = new Date()): string {
  const d = toDate(iso);
  return istDay(d) === istDay(now) ? TIME.format(d) : formatDateTime(d);
}

/** A calendar day ("2026-12-03", already an India day) as "3 Dec". */
export function formatDay(day: string): string {
  return SHORT_DAY.format(new Date(`${day}T00:00:00Z`));
}

/** Counts the Indian way: 1,23,456. */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** Money the Indian way: ₹1,23,456 (whole rupees), ₹2,500.08 (with paise); "—" when there is none. */
export function formatRupees(rupees: number | null | undefined): string {
  if (rupees == null) return "—";
  return (Number.isInteger(rupees) ? RUPEES : RUPEES_PAISE).format(rupees);
}

/** "just now", "5 minutes ago", "yesterday", "4 days ago"; older than a month: the date. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "Never";
  // Never "in 5 seconds": a stamp slightly ahead of this clock (skew) reads as now.
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"} ago`;
  if (seconds < 45) return "just now";
  if (seconds < 3600) return plural(Math.max(1, Math.round(seconds / 60)), "minute");
  if (seconds < 86400) return plural(Math.round(seconds / 3600), "hour");
  const days = Math.round(seconds / 86400);
  if (days === 1) return "yesterday";
  if (days < 30) return plural(days, "day");
  return formatDate(iso);
}

/** "45s", "4m 05s", "2h 07m": what a sales floor reads on a call or a day's talk time. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return "—";
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h}h ${String(m).padStart(2, "0")}m`;
  if (m) return `${m}m ${String(s).padStart(2, "0")}s`;
  return `${s}s`;
}

/** "1 number", "12 numbers", "1,204 leads" (`plural` for irregular words). */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
