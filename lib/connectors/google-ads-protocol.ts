// Google Ads lead form webhooks, the protocol (shared by the connector and its simulator): one lead
// per POST (WebhookLead), authenticated only by the google_key we gave Google, deduped on lead_id.

export interface WebhookLead {
  lead_id: string;
  user_column_data: { column_id: string; column_name?: string; string_value: string }[];
  api_version?: string;
  form_id?: string | number;
  campaign_id?: string | number;
  adgroup_id?: string | number;
  creative_id?: string | number;
  gcl_id?: string;
  google_key?: string;
  is_test?: boolean;
  [unknown: string]: unknown;
}

/** int64 ids (form, campaign, ad group, creative, asset group) may exceed 2^53: read as their digits, never as numbers. */
const INT64_KEYS = /"(form_id|campaign_id|adgroup_id|creative_id|asset_group_id)"\s*:\s*(-?\d+)/g;

/** The body as a WebhookLead (int64 ids kept as strings), or null when it is not one. */
export function parseWebhookLead(text: string): WebhookLead | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(INT64_KEYS, '"$1":"$2"'));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  return parsed as WebhookLead;
}

/** Standard questions by column_id → the names the intake platform reads. */
const COLUMNS: Record<string, string> = {
  FULL_NAME: "full_name",
  FIRST_NAME: "first_name",
  LAST_NAME: "last_name",
  PHONE_NUMBER: "phone_number",
  WORK_PHONE: "work_phone",
  EMAIL: "email",
  WORK_EMAIL: "work_email",
  CITY: "city",
  REGION: "state",
  COUNTRY: "country",
  POSTAL_CODE: "postal_code",
  STREET_ADDRESS: "street_address",
  COMPANY_NAME: "company_name",
  JOB_TITLE: "job_title",
};

/**
 * A lead as the intake platform reads it: standard answers by their usual names, custom questions
 * by their text (for custom fields and mappings), the form as sub-source, campaign, ad group and
 * creative as UTM-style attribution, the click id kept. Unknown top-level fields are kept too.
 */
export function googleLeadPayload(lead: WebhookLead): Record<string, unknown> {
  const answers: Record<string, string> = {};
  const asked: string[] = [];
  for (const column of Array.isArray(lead.user_column_data) ? lead.user_column_data : []) {
    if (!column || typeof column.string_value !== "string") continue;
    const key = COLUMNS[column.column_id] ?? column.column_name ?? column.column_id;
    if (key) answers[key] = column.string_value;
    // A question of the advertiser's own, in its words, where the agent reads first (a note on the lead).
    if (!COLUMNS[column.column_id] && column.string_value)
      asked.push(`${column.column_name ?? column.column_id.replaceAll("_", " ")}: ${column.string_value}`);
  }
  if (asked.length && !answers.message) answers.message = asked.join("\n");
  if (!answers.phone_number && answers.work_phone) answers.phone_number = answers.work_phone;
  if (!answers.email && answers.work_email) answers.email = answers.work_email;
  const { user_column_data: _columns, google_key: _key, ...rest } = lead;
  const id = (v: unknown) => (v === undefined || v === null || v === "" ? null : String(v));
  return {
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v === null || typeof v !== "object")),
    ...answers,
    lead_id: String(lead.lead_id),
    form_id: id(lead.form_id),
    campaign_id: id(lead.campaign_id),
    adgroup_id: id(lead.adgroup_id),
    creative_id: id(lead.creative_id),
    gcl_id: id(lead.gcl_id),
    form_name: lead.form_id ? `Lead form ${lead.form_id}` : null,
    utm_source: "google",
    utm_medium: "paid",
    ...(lead.campaign_id ? { utm_campaign: `Campaign ${lead.campaign_id}` } : {}),
    ...(lead.adgroup_id ? { utm_term: `Ad group ${lead.adgroup_id}` } : {}),
    ...(lead.creative_id ? { utm_content: `Ad ${lead.creative_id}` } : {}),
  };
}
