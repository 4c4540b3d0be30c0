// Helpers for <input type="datetime-local">, in the browser's time zone.

/** The input's value for a Date. */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Tomorrow at 10:00, the default call-back time. */
export function tomorrowAt10(): Date {
  const d = new Date(Date.now() + 86400_000);
  d.setHours(10, 0, 0, 0);
  return d;
}
