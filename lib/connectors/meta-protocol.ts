// Meta Lead Ads, the protocol (shared by the connector and its simulator; no database): the
// notification's signature, the Graph lead's shape, and how a lead's answers are read.
import { createHmac, timingSafeEqual } from "node:crypto";

/** The fields asked of a lead (per the Marketing API's Lead object). */
export const LEAD_FIELDS = [
  "id,created_time,field_data,ad_id,ad_name,adset_id,adset_name,campaign_id,campaign_name",
  "form_id,is_organic,platform,custom_disclaimer_responses",
].join(",");

export interface GraphLead {
  id: string;
  created_time: string;
  field_data: { name: string; values: string[] }[];
  ad_id?: string;
  ad_name?: string;
  adset_id?: string;
  adset_name?: string;
  campaign_id?: string;
  campaign_name?: string;
  form_id?: string;
  is_organic?: boolean;
  platform?: string;
  custom_disclaimer_responses?: { checkbox_key: string; is_checked: string }[];
}

export interface GraphForm {
  id: string;
  name: string;
  status?: string;
  questions?: { key: string; label: string; type: string }[];
  privacy_policy_url?: string;
}

/** The change a notification carries for one lead. */
export interface LeadgenChange {
  leadgen_id: string;
  page_id?: string;
  form_id?: string;
  ad_id?: string;
  adgroup_id?: string;
  created_time?: number;
}

/** X-Hub-Signature-256: "sha256=" and the hex HMAC-SHA256 of the raw body under the app secret. */
export const metaSignature = (appSecret: string, raw: Buffer | string) =>
  `sha256=${createHmac("sha256", appSecret).update(raw).digest("hex")}`;

/** Whether the header signs exactly these bytes (constant time). */
export function validMetaSignature(appSecret: string, raw: Buffer, header: string | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(metaSignature(appSecret, raw));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The leadgen changes of a notification ({object: "page", entry: [{changes: [{field, value}]}]}). */
export function leadgenChanges(body: unknown): LeadgenChange[] {
  const entries = (body as { entry?: unknown })?.entry;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry) => {
    const changes = (entry as { changes?: unknown })?.changes;
    if (!Array.isArray(changes)) return [];
    return changes
      .filter(
        (c) => c?.field === "leadgen" && c.value && (typeof c.value.leadgen_id === "string" || typeof c.value.leadgen_id === "number"),
      )
      .map((c) => ({ ...c.value, leadgen_id: String(c.value.leadgen_id) }) as LeadgenChange);
  });
}

/** Meta's standard questions (read into the lead's own fields); any other is the form's own. */
const STANDARD_QUESTIONS = new Set([
  "full_name",
  "first_name",
  "last_name",
  "email",
  "phone_number",
  "city",
  "state",
  "province",
  "country",
  "zip_code",
  "post_code",
  "street_address",
  "company_name",
  "job_title",
  "work_email",
  "work_phone_number",
  "date_of_birth",
  "gender",
]);

/**
 * A lead as the intake platform reads it: the form's answers by their question keys (full_name,
 * phone_number, email, city … are the usual names; custom questions keep their keys for custom
 * fields and per-form mappings), the form's name as the sub-source, and the ad, ad set and
 * campaign as UTM-style attribution.
 */
export function metaLeadPayload(lead: GraphLead, form?: Pick<GraphForm, "name" | "questions"> | null): Record<string, unknown> {
  const answers = Object.fromEntries(lead.field_data.map((f) => [f.name, f.values.filter(Boolean).join(", ")]));
  // The form's own questions, in its words, where the agent reads first (a note on the lead).
  const labels = new Map((form?.questions ?? []).map((q) => [q.key, q.label]));
  const asked = Object.entries(answers)
    .filter(([key, value]) => value && !STANDARD_QUESTIONS.has(key))
    .map(([key, value]) => `${labels.get(key) ?? key.replaceAll("_", " ")}: ${value}`);
  const disclaimers = lead.custom_disclaimer_responses ?? [];
  const agreed = disclaimers.length > 0 && disclaimers.every((d) => d.is_checked === "1" || d.is_checked === "true");
  return {
    ...answers,
    ...(asked.length && !answers.message ? { message: asked.join("\n") } : {}),
    leadgen_id: lead.id,
    created_time: lead.created_time,
    form_id: lead.form_id ?? null,
    form_name: form?.name ?? (lead.form_id ? `Form ${lead.form_id}` : null),
    ad_id: lead.ad_id ?? null,
    adset_id: lead.adset_id ?? null,
    campaign_id: lead.campaign_id ?? null,
    platform: lead.platform ?? null,
    is_organic: lead.is_organic ?? false,
    utm_source: lead.platform === "ig" ? "instagram" : "facebook",
    utm_medium: lead.is_organic ? "organic" : "paid",
    ...(lead.campaign_name || lead.campaign_id ? { utm_campaign: lead.campaign_name ?? lead.campaign_id } : {}),
    ...(lead.ad_name || lead.ad_id ? { utm_content: lead.ad_name ?? lead.ad_id } : {}),
    ...(lead.adset_name || lead.adset_id ? { utm_term: lead.adset_name ?? lead.adset_id } : {}),
    ...(agreed
      ? { consent: "yes", consent_text: `Agreed to the disclaimer on the Meta lead form${form?.name ? ` “${form.name}”` : ""}` }
      : {}),
  };
}
