// IndiaMART Lead Manager's CRM pull API v2, the protocol (shared by the connector and its
// simulator): the window's IST time format, the answer, and how an enquiry is read.

export interface IndiamartRecord {
  UNIQUE_QUERY_ID: string;
  QUERY_TYPE: string;
  QUERY_TIME: string;
  SENDER_NAME?: string | null;
  SENDER_MOBILE?: string | null;
  SENDER_EMAIL?: string | null;
  SUBJECT?: string | null;
  SENDER_COMPANY?: string | null;
  SENDER_ADDRESS?: string | null;
  SENDER_CITY?: string | null;
  SENDER_STATE?: string | null;
  SENDER_PINCODE?: string | null;
  SENDER_COUNTRY_ISO?: string | null;
  SENDER_MOBILE_ALT?: string | null;
  SENDER_EMAIL_ALT?: string | null;
  QUERY_PRODUCT_NAME?: string | null;
  QUERY_MESSAGE?: string | null;
  QUERY_MCAT_NAME?: string | null;
  CALL_DURATION?: string | null;
  RECEIVER_MOBILE?: string | null;
}

export interface IndiamartAnswer {
  CODE: number;
  STATUS: string;
  MESSAGE?: string;
  TOTAL_RECORDS?: number;
  RESPONSE?: IndiamartRecord[];
}

/** What each enquiry type is called on a sales floor. */
export const QUERY_TYPES: Record<string, string> = {
  W: "Direct enquiry",
  B: "Buy-lead",
  P: "Call to your IndiaMART number",
  BIZ: "Catalogue view",
  WA: "WhatsApp enquiry",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const IST_MS = 330 * 60_000;
const pad = (n: number) => String(n).padStart(2, "0");

/** start_time/end_time: "DD-Mon-YYYYHH:MM:SS" in India time (e.g. 08-Dec-202112:00:00). */
export function windowStamp(at: Date): string {
  const d = new Date(at.getTime() + IST_MS);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()}${time}`;
}

/** A window stamp back to an instant, or null. */
export function parseWindowStamp(text: string): Date | null {
  const m = /^(\d{2})-([A-Za-z]{3})-(\d{4})(\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const month = MONTHS.findIndex((x) => x.toLowerCase() === m[2]!.toLowerCase());
  if (month < 0) return null;
  return new Date(Date.UTC(+m[3]!, month, +m[1]!, +m[4]!, +m[5]!, +m[6]!) - IST_MS);
}

/** QUERY_TIME: "YYYY-MM-DD HH:MM:SS" in India time. */
export const queryTimeStamp = (at: Date) => {
  const d = new Date(at.getTime() + IST_MS);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${time}`;
};

export function parseQueryTime(text: string | null | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text?.trim() ?? "");
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - IST_MS) : null;
}

/** QUERY_MESSAGE may carry escaped control characters ("\r\n" as text): made readable. */
const readable = (text: string | null | undefined) =>
  text
    ? text
        .replace(/\\r\\n|\\n|\\r/g, "\n")
        .replace(/<br\s*\/?>/gi, "\n")
        .trim()
    : null;

/** An enquiry as the intake platform reads it: sender, city, what they asked, the enquiry type and product as the sub-source. */
export function indiamartPayload(r: IndiamartRecord): Record<string, unknown> {
  const type = QUERY_TYPES[r.QUERY_TYPE] ?? `Enquiry (${r.QUERY_TYPE})`;
  const product = r.QUERY_PRODUCT_NAME?.trim() || r.QUERY_MCAT_NAME?.trim() || null;
  const message = [
    readable(r.QUERY_MESSAGE) ?? readable(r.SUBJECT),
    r.QUERY_TYPE === "P" && r.CALL_DURATION ? `Called your IndiaMART number (${r.CALL_DURATION} s)` : null,
    r.SENDER_COMPANY ? `Company: ${r.SENDER_COMPANY}` : null,
  ]
    .filter(Boolean)
    .join("\n");
  return {
    unique_query_id: r.UNIQUE_QUERY_ID,
    query_type: r.QUERY_TYPE,
    query_time: r.QUERY_TIME,
    name: r.SENDER_NAME?.trim() || "IndiaMART Buyer",
    phone: r.SENDER_MOBILE ?? r.SENDER_MOBILE_ALT ?? null,
    phone_alt: r.SENDER_MOBILE_ALT ?? null,
    email: r.SENDER_EMAIL ?? r.SENDER_EMAIL_ALT ?? null,
    city: r.SENDER_CITY ?? null,
    state: r.SENDER_STATE ?? null,
    pincode: r.SENDER_PINCODE ?? null,
    company: r.SENDER_COMPANY ?? null,
    product,
    category: r.QUERY_MCAT_NAME ?? null,
    message: message || null,
    sub_source: product ? `${type} · ${product}` : type,
    utm_source: "indiamart",
    utm_medium: "marketplace",
  };
}
