// The simulator's Meta: a Page with lead forms, its leads, the Graph reads the connector makes, and
// the signed notifications Meta posts (once, several times, late, badly signed, or never).

import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type GraphForm, type GraphLead, metaSignature } from "../meta-protocol";
import { numericId, person } from "./people";
import { SIM_SECRETS } from "./secrets";
import { json, type LeadSourcesSimulator, postToApp } from "./server";

const FORMS: GraphForm[] = [
  {
    id: "2400000000000011",
    name: "2BHK Whitefield – Diwali offer",
    status: "ACTIVE",
    questions: [
      { key: "full_name", label: "Full name", type: "FULL_NAME" },
      { key: "phone_number", label: "Phone number", type: "PHONE" },
      { key: "email", label: "Email", type: "EMAIL" },
      { key: "city", label: "City", type: "CITY" },
      { key: "when_do_you_plan_to_buy?", label: "When do you plan to buy?", type: "CUSTOM" },
    ],
  },
  {
    id: "2400000000000029",
    name: "Home loan enquiry",
    status: "ACTIVE",
    questions: [
      { key: "full_name", label: "Full name", type: "FULL_NAME" },
      { key: "phone_number", label: "Phone number", type: "PHONE" },
      { key: "monthly_income", label: "Monthly income", type: "CUSTOM" },
    ],
  },
];
const CAMPAIGNS = [
  {
    campaign_id: "23851000000001",
    campaign_name: "Diwali Bengaluru – Leads",
    adset_id: "23851000000101",
    adset_name: "Whitefield 25–45",
    ad_id: "23851000001001",
    ad_name: "Carousel – sample flat",
  },
  {
    campaign_id: "23851000000002",
    campaign_name: "Always-on – Home loans",
    adset_id: "23851000000102",
    adset_name: "Salaried 28–40",
    ad_id: "23851000001002",
    ad_name: "Video – EMI calculator",
  },
];
const WHEN = ["Within 3 months", "3–6 months", "Just exploring"];

export class MetaSim {
  leads: (GraphLead & { createdAt: number })[] = [];
  /** What each notification POST got back from the CRM. */
  deliveries: { leadgenId: string; status: number }[] = [];
  subscribed = false;

  constructor(private readonly sim: LeadSourcesSimulator) {}

  reset() {
    this.leads = [];
    this.deliveries = [];
  }

  /** Makes a lead on a form and notifies the CRM (unless `deliver` is false: a lost notification). */
  async newLead(body: Record<string, unknown>) {
    const form = FORMS.find((f) => f.id === body.formId) ?? FORMS[0]!;
    const who = person((body.person ?? {}) as object);
    const campaign = CAMPAIGNS[FORMS.indexOf(form)] ?? CAMPAIGNS[0]!;
    const created = new Date(typeof body.createdAt === "string" ? body.createdAt : Date.now());
    const answers: Record<string, string> = {
      full_name: who.name,
      phone_number: `+91${who.mobile10}`,
      email: who.email,
      city: who.city,
      "when_do_you_plan_to_buy?": WHEN[who.mobile10.charCodeAt(9) % WHEN.length]!,
      monthly_income: "₹1,20,000",
    };
    const lead: GraphLead & { createdAt: number } = {
      id: numericId(16),
      created_time: created.toISOString().replace(/\.\d{3}Z$/, "+0000"),
      field_data: (form.questions ?? []).map((q) => ({ name: q.key, values: [answers[q.key] ?? ""] })),
      form_id: form.id,
      ...(body.organic ? {} : campaign),
      is_organic: Boolean(body.organic),
      platform: body.platform === "ig" ? "ig" : "fb",
      custom_disclaimer_responses: [{ checkbox_key: "call_consent", is_checked: "1" }],
      createdAt: created.getTime(),
    };
    this.leads.push(lead);
    const statuses: number[] = [];
    if (body.deliver !== false) {
      const times = 1 + Math.max(0, Number(body.duplicates ?? 0));
      const send = async () => {
        for (let i = 0; i < times; i++) statuses.push(await this.notify(lead, { badSignature: Boolean(body.badSignature) }));
      };
      const delayMs = Number(body.delayMs ?? 0);
      if (delayMs > 0) setTimeout(() => void send(), delayMs);
      else await send();
    }
    return { leadgenId: lead.id, formId: form.id, name: who.name, phone: `+91${who.mobile10}`, statuses };
  }

  /** One notification POST, as Meta sends it (signed over the exact bytes). */
  async notify(lead: GraphLead & { createdAt: number }, { badSignature = false } = {}) {
    const raw = JSON.stringify({
      object: "page",
      entry: [
        {
          id: SIM_SECRETS.metaPageId,
          time: Math.floor(Date.now() / 1000),
          changes: [
            {
              field: "leadgen",
              value: {
                leadgen_id: lead.id,
                page_id: SIM_SECRETS.metaPageId,
                form_id: lead.form_id,
                adgroup_id: lead.ad_id ?? null,
                ad_id: lead.ad_id ?? null,
                created_time: Math.floor(lead.createdAt / 1000),
              },
            },
          ],
        },
      ],
    });
    const signature = badSignature ? metaSignature("not-the-app-secret", raw) : metaSignature(SIM_SECRETS.metaAppSecret, raw);
    const { status } = await postToApp(`${this.sim.opts.appUrl}/api/v1/integrations/meta/webhook`, raw, {
      "content-type": "application/json",
      "x-hub-signature-256": signature,
      "user-agent": "facebookexternalua",
    });
    this.deliveries.push({ leadgenId: lead.id, status });
    this.sim.opts.log(`meta: notified lead ${lead.id}: ${status}`);
    return status;
  }

  /** The GET handshake Meta sends when the callback URL is saved. */
  async handshake(body: Record<string, unknown>) {
    const challenge = String(Math.floor(Math.random() * 1e9));
    const url = new URL(`${this.sim.opts.appUrl}/api/v1/integrations/meta/webhook`);
    url.searchParams.set("hub.mode", "subscribe");
    url.searchParams.set("hub.challenge", challenge);
    url.searchParams.set("hub.verify_token", typeof body.verifyToken === "string" ? body.verifyToken : SIM_SECRETS.metaVerifyToken);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      const text = await response.text();
      return { status: response.status, verified: response.status === 200 && text === challenge };
    } catch (error) {
      return { status: 0, verified: false, error: (error as Error).message };
    }
  }

  /** The Graph API: token checked, faults applied, then the read. */
  graph(req: IncomingMessage, url: URL, res: ServerResponse) {
    const token = url.searchParams.get("access_token") ?? req.headers.authorization?.replace(/^Bearer\s+/i, "");
    const fault = this.sim.takeFault("graph");
    const trace = randomBytes(8).toString("base64url");
    if (fault?.kind === "unavailable")
      return json(res, 500, { error: { message: "An unknown error has occurred.", type: "OAuthException", code: 1, fbtrace_id: trace } });
    if (fault?.kind === "rate_limit")
      return json(res, 429, {
        error: {
          message: "(#4) Application request limit reached",
          type: "OAuthException",
          is_transient: true,
          code: 4,
          fbtrace_id: trace,
        },
      });
    if (fault?.kind === "expired_token" || token !== SIM_SECRETS.metaPageToken)
      return json(res, 400, {
        error: {
          message: fault
            ? "Error validating access token: Session has expired on Thursday, 03-Dec-26 10:00:00 PST."
            : "Invalid OAuth access token - Cannot parse access token",
          type: "OAuthException",
          code: 190,
          ...(fault ? { error_subcode: 463 } : {}),
          fbtrace_id: trace,
        },
      });
    const parts = url.pathname.replace("/meta/v23.0/", "").split("/").filter(Boolean);
    const strip = ({ createdAt: _c, ...lead }: GraphLead & { createdAt: number }) => lead;
    if (parts[1] === "leadgen_forms" && (parts[0] === "me" || parts[0] === SIM_SECRETS.metaPageId))
      return json(res, 200, { data: FORMS, paging: { cursors: { before: "MAZDZD", after: "MQZDZD" } } });
    if (parts[1] === "subscribed_apps") {
      if (req.method === "POST") this.subscribed = true;
      return json(
        res,
        200,
        req.method === "POST"
          ? { success: true }
          : { data: this.subscribed ? [{ name: "Smartflo CRM", id: "1", subscribed_fields: ["leadgen"] }] : [] },
      );
    }
    if (parts[1] === "leads") return this.formLeads(parts[0]!, url, res, strip);
    const form = FORMS.find((f) => f.id === parts[0]);
    if (form && parts.length === 1) return json(res, 200, form);
    const lead = this.leads.find((l) => l.id === parts[0]);
    if (lead && parts.length === 1) return json(res, 200, strip(lead));
    json(res, 400, {
      error: {
        message: `Unsupported get request. Object with ID '${parts[0]}' does not exist`,
        type: "GraphMethodException",
        code: 100,
        error_subcode: 33,
        fbtrace_id: trace,
      },
    });
  }

  /** /{form-id}/leads: filtering on time_created, newest first, pages of `limit` with cursors. */
  private formLeads(formId: string, url: URL, res: ServerResponse, strip: (l: GraphLead & { createdAt: number }) => GraphLead) {
    let after = 0;
    try {
      const filters = JSON.parse(url.searchParams.get("filtering") ?? "[]") as { field: string; operator: string; value: number }[];
      const f = filters.find((x) => x.field === "time_created" && x.operator === "GREATER_THAN");
      if (f) after = Number(f.value) * 1000;
    } catch {
      return json(res, 400, { error: { message: "(#100) filtering must be a JSON array", type: "OAuthException", code: 100 } });
    }
    const all = this.leads.filter((l) => l.form_id === formId && l.createdAt > after).sort((a, b) => b.createdAt - a.createdAt);
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 25) || 25, 500);
    const start = Number(Buffer.from(url.searchParams.get("after") ?? "", "base64url").toString() || 0);
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString("base64url") : null;
    json(res, 200, {
      data: page.map(strip),
      paging: {
        cursors: { before: Buffer.from(String(start)).toString("base64url"), after: next ?? "" },
        ...(next ? { next: `${this.sim.graphUrl}/${formId}/leads?after=${next}` } : {}),
      },
    });
  }
}
