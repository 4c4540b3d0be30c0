// The simulator's Google Ads: a lead form's webhook POSTs, one lead per request, with the key the
// advertiser entered (or a wrong one), Google's test leads (is_test), repeats, and int64 ids beyond
// 2^53 written as JSON numbers, as Google writes them.
import { randomBytes } from "node:crypto";
import { numericId, person } from "./people";
import { SIM_SECRETS } from "./secrets";
import { type LeadSourcesSimulator, postToApp } from "./server";

export class GoogleSim {
  /** What each POST got back from the CRM. */
  deliveries: { leadId: string; status: number; body: string }[] = [];

  constructor(private readonly sim: LeadSourcesSimulator) {}

  reset() {
    this.deliveries = [];
  }

  async newLead(body: Record<string, unknown>) {
    const who = person((body.person ?? {}) as object);
    const isTest = Boolean(body.isTest);
    const leadId = isTest ? `TeSter-123-${randomBytes(24).toString("base64url")}` : randomBytes(36).toString("base64url");
    const ids = { form_id: numericId(11), campaign_id: numericId(11), adgroup_id: numericId(12), creative_id: numericId(12) };
    // Beyond 2^53: a JSON number a plain JSON.parse would round.
    if (body.bigIds) ids.campaign_id = "9007199254740993123";
    const columns = [
      { column_name: "Full Name", string_value: who.name, column_id: "FULL_NAME" },
      { column_name: "User Phone", string_value: `+91${who.mobile10}`, column_id: "PHONE_NUMBER" },
      { column_name: "User Email", string_value: who.email, column_id: "EMAIL" },
      { column_name: "City", string_value: who.city, column_id: "CITY" },
      // A custom question: column_name may be missing, the id is Google's.
      { string_value: "Hatchback", column_id: "which_car_are_you_interested_in?" },
    ];
    const fields = [
      `"lead_id":${JSON.stringify(leadId)}`,
      `"user_column_data":${JSON.stringify(columns)}`,
      `"api_version":"1.0"`,
      `"form_id":${ids.form_id}`,
      `"campaign_id":${ids.campaign_id}`,
      `"gcl_id":${JSON.stringify(randomBytes(30).toString("base64url"))}`,
      `"adgroup_id":${ids.adgroup_id}`,
      `"creative_id":${ids.creative_id}`,
      `"google_key":${JSON.stringify(body.badKey ? "not-the-key" : SIM_SECRETS.googleKey)}`,
      `"is_test":${isTest}`,
      `"lead_submit_time":${JSON.stringify(new Date().toISOString())}`,
    ];
    const raw = `{${fields.join(",")}}`;
    const statuses: number[] = [];
    for (let i = 0; i <= Math.max(0, Number(body.duplicates ?? 0)); i++) {
      const answer = await postToApp(`${this.sim.opts.appUrl}/api/v1/integrations/google-ads/webhook`, raw, {
        "content-type": "application/json",
        "user-agent": "Google-Ads-Lead-Forms",
      });
      this.deliveries.push({ leadId, status: answer.status, body: answer.body });
      statuses.push(answer.status);
      this.sim.opts.log(`google-ads: posted lead ${leadId.slice(0, 12)}…: ${answer.status}`);
    }
    return { leadId, name: who.name, phone: `+91${who.mobile10}`, campaignId: ids.campaign_id, statuses };
  }
}
