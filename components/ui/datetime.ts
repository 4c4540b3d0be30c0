// <input type="datetime-local"> in India time, whatever the browser's time zone: the value the
// agent types is an IST wall-clock time, and the instant sent to the server is that IST time.
import { istDay } from "@/lib/time/india";

const IST_OFFSET_MS = 330 * 60_000;

/** The input's value (YYYY-MM-DDTHH:MM, IST) for an instant. */
export function toLocalInput(d: Date): string {
  return new Date(d.getTime() + IST_OFFSET_MS).toISOString().slice(0, 16);
}

/** The instant an input's IST value names (null when it is not a complete value). */
export function fromLocalInput(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const d = new Date(`${value}:00+05:30`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Tomorrow at 10:00 India time, the default call-back time. */
export function tomorrowAt10(now = new Date()): Date {
  const tomorrow = istDay(new Date(now.getTime() + 86400_000));
  return new Date(`${tomorrow}T10:00:00+05:30`);
}
