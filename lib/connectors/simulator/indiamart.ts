// The simulator's IndiaMART: a seller's enquiries of every type, answered by the CRM listing API v2
// for a window in India time (at most 7 days), at most once per minimum interval per key (CODE 429
// otherwise), CODE 204 when the window holds none. An enquiry can show up late: its QUERY_TIME is
// earlier than the moment it becomes visible, which only overlapping windows catch.
import type { ServerResponse } from "node:http";
import { type IndiamartRecord, parseQueryTime, parseWindowStamp, QUERY_TYPES, queryTimeStamp } from "../indiamart-protocol";
import { numericId, person } from "./people";
import { SIM_SECRETS } from "./secrets";
import { json, type LeadSourcesSimulator } from "./server";

const PRODUCTS = [
  "Industrial water purifier 500 LPH",
  "Solar rooftop panel 5 kW",
  "Stainless steel modular kitchen",
  "Diesel generator 62.5 kVA",
];

export class IndiamartSim {
  records: (IndiamartRecord & { visibleAt: number })[] = [];
  /** Each listing call: its window and what it answered. */
  calls: { start: string | null; end: string | null; code: number; count: number }[] = [];
  private lastCallAt = new Map<string, number>();

  constructor(private readonly sim: LeadSourcesSimulator) {}

  reset() {
    this.records = [];
    this.calls = [];
    this.lastCallAt.clear();
  }

  newLead(body: Record<string, unknown>) {
    const who = person((body.person ?? {}) as object);
    const type = typeof body.queryType === "string" && QUERY_TYPES[body.queryType] ? body.queryType : "W";
    const now = Date.now();
    const product = typeof body.product === "string" ? body.product : PRODUCTS[now % PRODUCTS.length]!;
    const record: IndiamartRecord & { visibleAt: number } = {
      UNIQUE_QUERY_ID: numericId(10),
      QUERY_TYPE: type,
      QUERY_TIME: queryTimeStamp(new Date(now - Number(body.lateSeconds ?? 0) * 1000)),
      SENDER_NAME: body.anonymous ? "IndiaMART Buyer" : who.name,
      SENDER_MOBILE: `+91-${who.mobile10}`,
      SENDER_EMAIL: who.email,
      SUBJECT: `Requirement for ${product}`,
      SENDER_COMPANY: `${who.lastName} Enterprises`,
      SENDER_ADDRESS: `12, MG Road, ${who.city}`,
      SENDER_CITY: who.city,
      SENDER_STATE: "Karnataka",
      SENDER_PINCODE: "560001",
      SENDER_COUNTRY_ISO: "IN",
      SENDER_MOBILE_ALT: null,
      SENDER_EMAIL_ALT: null,
      QUERY_PRODUCT_NAME: product,
      QUERY_MESSAGE:
        typeof body.message === "string" ? body.message : `I want to buy ${product}.\\r\\nQuantity: 2 Piece\\r\\nPlease send price.`,
      QUERY_MCAT_NAME: "Industrial Equipment",
      CALL_DURATION: type === "P" ? "42" : null,
      RECEIVER_MOBILE: type === "P" ? "+91-8069001234" : null,
      visibleAt: now,
    };
    this.records.push(record);
    return { uniqueQueryId: record.UNIQUE_QUERY_ID, name: record.SENDER_NAME, phone: `+91${who.mobile10}`, queryTime: record.QUERY_TIME };
  }

  listing(url: URL, res: ServerResponse) {
    const key = url.searchParams.get("glusr_crm_key") ?? "";
    const start = url.searchParams.get("start_time");
    const end = url.searchParams.get("end_time");
    const answer = (code: number, body: object) => {
      this.calls.push({ start, end, code, count: (body as { RESPONSE?: unknown[] }).RESPONSE?.length ?? 0 });
      json(res, 200, { CODE: code, ...body });
    };
    const fault = this.sim.takeFault("indiamart");
    if (fault?.kind === "unavailable") {
      this.calls.push({ start, end, code: 503, count: 0 });
      res.writeHead(503, { "content-type": "text/html" });
      return res.end("<html><body>Service Temporarily Unavailable</body></html>");
    }
    if (fault?.kind === "bad_key" || key !== SIM_SECRETS.indiamartKey)
      return answer(401, { STATUS: "FAILURE", MESSAGE: "Invalid CRM key. Please generate a new key from Lead Manager → CRM API." });
    const now = Date.now();
    const last = this.lastCallAt.get(key);
    if (fault?.kind === "rate_limit" || (last !== undefined && now - last < this.sim.opts.indiamartMinIntervalSeconds * 1000))
      return answer(429, {
        STATUS: "FAILURE",
        MESSAGE:
          "It is advised to hit this API once in every 5 minutes, but it seems that you have crossed this limit. " +
          "please try again after 5 minutes.",
      });
    this.lastCallAt.set(key, now);
    const from = start ? parseWindowStamp(start) : new Date(now - 86400_000);
    const to = end ? parseWindowStamp(end) : new Date(now);
    if (!from || !to) return answer(400, { STATUS: "FAILURE", MESSAGE: "Invalid date format. Use DD-Mon-YYYYHH:MM:SS" });
    if (to.getTime() - from.getTime() > 7 * 86400_000)
      return answer(400, { STATUS: "FAILURE", MESSAGE: "The difference between start and end time can be a maximum of 7 days." });
    const found = this.records
      .filter((r) => r.visibleAt <= now)
      .filter((r) => {
        const at = parseQueryTime(r.QUERY_TIME)!.getTime();
        return at >= from.getTime() && at <= to.getTime();
      })
      .map(({ visibleAt: _v, ...r }) => r);
    if (found.length === 0)
      return answer(204, { STATUS: "SUCCESS", MESSAGE: "There are no leads in the given time duration.", TOTAL_RECORDS: 0, RESPONSE: [] });
    answer(200, { STATUS: "SUCCESS", MESSAGE: "", TOTAL_RECORDS: found.length, RESPONSE: found });
  }
}
