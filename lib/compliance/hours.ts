// Calling hours (TRAI's TCCCPR: commercial calls in the day): a window per weekday in India time
// and a holiday list. Pure functions of the settings and the instant, so the server's own time
// zone never matters.
import { istDay, istMidnight } from "../time/india";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** "HH:MM" in India time; `to` is the first minute no longer allowed. */
export type DayWindow = { from: string; to: string } | null;
export type CallingHours = Record<Weekday, DayWindow>;

export const DEFAULT_CALLING_HOURS: CallingHours = Object.fromEntries(
  WEEKDAYS.map((d) => [d, { from: "09:00", to: "21:00" }]),
) as CallingHours;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const DAY_MS = 86_400_000;

/** The weekday of an India date "YYYY-MM-DD". */
export function weekdayOf(day: string): Weekday {
  // 1970-01-01 was a Thursday; Date.UTC of the date is the same calendar day everywhere.
  const n = Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
  return WEEKDAYS[(((n + 3) % 7) + 7) % 7]!;
}

export interface WindowState {
  open: boolean;
  /** When calls are next allowed (null while open, or when no day in the next two weeks allows any). */
  nextAllowedAt: Date | null;
  /** While open: when today's window closes. */
  closesAt: Date | null;
}

export function callingWindow(hours: CallingHours, holidays: readonly string[], now = new Date()): WindowState {
  const today = istDay(now);
  const minuteNow = Math.floor((now.getTime() - istMidnight(today).getTime()) / 60_000);
  const at = (day: string, hhmm: string) => new Date(istMidnight(day).getTime() + minutes(hhmm) * 60_000);
  const w = holidays.includes(today) ? null : hours[weekdayOf(today)];
  if (w && minuteNow >= minutes(w.from) && minuteNow < minutes(w.to)) return { open: true, nextAllowedAt: null, closesAt: at(today, w.to) };
  if (w && minuteNow < minutes(w.from)) return { open: false, nextAllowedAt: at(today, w.from), closesAt: null };
  for (let i = 1; i <= 14; i++) {
    const day = istDay(new Date(istMidnight(today).getTime() + i * DAY_MS + 3600_000));
    const next = holidays.includes(day) ? null : hours[weekdayOf(day)];
    if (next && minutes(next.to) > minutes(next.from)) return { open: false, nextAllowedAt: at(day, next.from), closesAt: null };
  }
  return { open: false, nextAllowedAt: null, closesAt: null };
}

/** "Mon 1 Dec, 09:00 IST" for messages. */
export function formatIst(at: Date): string {
  return `${at.toLocaleString("en-IN", {
    timeZone: "Asia/Kolkata",
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  })} IST`;
}

/** Every day, all day: what the test suites and benches set, since they run at any hour (the hours have their own tests). */
export const ALL_DAY_CALLING_HOURS: CallingHours = Object.fromEntries(
  WEEKDAYS.map((d) => [d, { from: "00:00", to: "24:00" }]),
) as CallingHours;
