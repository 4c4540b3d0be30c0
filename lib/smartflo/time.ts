// Smartflo stamps are "YYYY-MM-DD HH:MM:SS" in India time (UTC+05:30) without an offset.
const IST_OFFSET_MS = 330 * 60_000;
const STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;

export function parseIstStamp(value: string | null | undefined): Date | null {
  if (!value) return null;
  const v = value.trim();
  const m = STAMP.exec(v);
  if (m) {
    const [, y, mo, d, h, mi, s] = m;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) - IST_OFFSET_MS;
    const date = new Date(utc);
    return Number.isNaN(date.getTime()) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 ? null : date;
  }
  // An explicit offset or a Unix epoch (seconds) is taken as it says.
  if (/^\d{9,10}(\.\d+)?$/.test(v)) return new Date(Number(v) * 1000);
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
    const date = new Date(v);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** The inverse, for the simulator and for `/call/records` queries. */
export function formatIstStamp(date: Date): string {
  const ist = new Date(date.getTime() + IST_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${ist.getUTCFullYear()}-${pad(ist.getUTCMonth() + 1)}-${pad(ist.getUTCDate())}`;
  return `${day} ${pad(ist.getUTCHours())}:${pad(ist.getUTCMinutes())}:${pad(ist.getUTCSeconds())}`;
}
