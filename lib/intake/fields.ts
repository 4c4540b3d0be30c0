// What a delivery says about a person, read from whatever shape it came in: a source's own mapping
// (lead field → the delivery's key, dots for nested keys), else the names websites, portals and
// automation tools commonly use. Pure: no database.
import { type CustomFieldDef, type FieldValues, fieldValuesSchema, fromText } from "../custom-fields/types";

/** The lead fields a mapping can fill. */
export const INTAKE_FIELDS = [
  "name",
  "firstName",
  "lastName",
  "phone",
  "email",
  "city",
  "message",
  "subSource",
  "externalId",
  "consent",
  "consentText",
  "utmSource",
  "utmMedium",
  "utmCampaign",
  "utmTerm",
  "utmContent",
  "referrer",
  "landingPage",
] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number];
/** Lead field → the delivery's key; custom fields as `fields.<key>`. */
export type Mapping = Partial<Record<IntakeField, string>> & { [custom: `fields.${string}`]: string };

/** The names tried when a source has no mapping for a field (compared without case, spaces, dashes or underscores). */
const USUAL_NAMES: Record<IntakeField, string[]> = {
  name: ["name", "full_name", "fullname", "your_name", "customer_name", "contact_name", "sender_name"],
  firstName: ["first_name", "firstname", "given_name"],
  lastName: ["last_name", "lastname", "surname", "family_name"],
  phone: ["phone", "mobile", "phone_number", "mobile_number", "contact_number", "tel", "telephone", "whatsapp", "sender_mobile"],
  email: ["email", "email_address", "e_mail", "sender_email"],
  city: ["city", "town", "location", "sender_city"],
  message: ["message", "comments", "comment", "enquiry", "inquiry", "requirement", "query", "notes", "query_message"],
  subSource: ["sub_source", "subsource", "campaign", "form", "form_name", "listing"],
  externalId: ["lead_id", "enquiry_id", "submission_id", "unique_query_id", "leadgen_id"],
  consent: ["consent", "agree", "agreed", "opt_in", "optin", "accept_calls"],
  consentText: ["consent_text", "consent_notice", "notice"],
  utmSource: ["utm_source"],
  utmMedium: ["utm_medium"],
  utmCampaign: ["utm_campaign"],
  utmTerm: ["utm_term"],
  utmContent: ["utm_content"],
  referrer: ["referrer", "referer", "http_referer"],
  landingPage: ["landing_page", "page_url", "url", "page"],
};

const squash = (key: string) => key.toLowerCase().replace(/[\s_-]+/g, "");

/** A value at a dotted path (`contact.phone`, `answers.0.value`), as text; null when absent or not a scalar. */
export function valueAt(payload: unknown, path: string): string | null {
  let at: unknown = payload;
  for (const part of path.split(".")) {
    if (at === null || typeof at !== "object") return null;
    at = (at as Record<string, unknown>)[part];
  }
  if (typeof at === "string") return at.trim() || null;
  if (typeof at === "number" || typeof at === "boolean") return String(at);
  if (Array.isArray(at) && at.every((v) => typeof v === "string" || typeof v === "number")) return at.join(", ") || null;
  return null;
}

/** Every scalar at any depth, by its dotted path (what the mapping screen offers to pick from). */
export function flattenKeys(payload: unknown, prefix = "", out: Record<string, string> = {}, depth = 0): Record<string, string> {
  if (depth > 6 || payload === null || typeof payload !== "object") return out;
  for (const [k, v] of Object.entries(payload as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    const value = valueAt({ v }, "v");
    if (value !== null) out[path] = value;
    else if (v !== null && typeof v === "object") flattenKeys(v, path, out, depth + 1);
  }
  return out;
}

export type IntakeValues = Partial<Record<IntakeField, string>>;

/** The lead fields a delivery fills: the source's mapping first, then the usual names at any depth, then the source's constants. */
export function readFields(payload: unknown, mapping: Mapping = {}, constants: IntakeValues = {}): IntakeValues {
  // Per name, the shallowest key that has it; per field, the shallowest of its names (then their order).
  const byName = new Map<string, { value: string; depth: number }>();
  for (const [path, value] of Object.entries(flattenKeys(payload))) {
    const parts = path.split(".");
    const leaf = squash(parts.at(-1)!);
    if ((byName.get(leaf)?.depth ?? Infinity) > parts.length) byName.set(leaf, { value, depth: parts.length });
  }
  const usual = (field: IntakeField) =>
    USUAL_NAMES[field]
      .map((n) => byName.get(squash(n)))
      .filter((v) => v !== undefined)
      .reduce<{ value: string; depth: number } | undefined>((best, v) => (!best || v.depth < best.depth ? v : best), undefined)?.value;
  const out: IntakeValues = {};
  for (const field of INTAKE_FIELDS) {
    const mapped = mapping[field];
    const value = mapped ? valueAt(payload, mapped) : usual(field);
    if (value) out[field] = value.slice(0, field === "message" || field === "consentText" ? 2000 : 300);
  }
  for (const [field, value] of Object.entries(constants)) if (value && !out[field as IntakeField]) out[field as IntakeField] = value;
  if (!out.name && (out.firstName || out.lastName)) out.name = [out.firstName, out.lastName].filter(Boolean).join(" ");
  return out;
}

/** "yes", "true", "1", "on", "agreed": a ticked consent box, as forms and tools send it. */
export const isConsent = (value: string | undefined) => !!value && /^(1|true|yes|y|on|agree|agreed|accepted|checked)$/i.test(value.trim());

/** UTM parameters, referrer and landing page as kept on the lead (only those given). */
export function attributionOf(values: IntakeValues): Record<string, string> | null {
  const keys = ["utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent", "referrer", "landingPage"] as const;
  const entries = keys.filter((k) => values[k]).map((k) => [k, values[k]!] as const);
  return entries.length ? Object.fromEntries(entries) : null;
}

/**
 * Custom field values a delivery brings: each active field from its mapping (`fields.<key>` → the
 * delivery's key), else a key named like the field (its key or label, at the top level). Read by
 * the field's kind; a value of the wrong kind is left out (the raw delivery keeps it).
 */
export function readCustomFields(payload: unknown, mapping: Mapping, defs: CustomFieldDef[]): FieldValues {
  const top = payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
  const byName = new Map(Object.keys(top).map((k) => [squash(k), k]));
  const out: FieldValues = {};
  for (const def of defs.filter((d) => !d.archivedAt)) {
    const path = mapping[`fields.${def.key}`] ?? byName.get(squash(def.key)) ?? byName.get(squash(def.label));
    if (!path) continue;
    const raw = Array.isArray(top[path]) ? (top[path] as unknown[]).join(";") : valueAt(payload, path);
    if (!raw) continue;
    const parsed = fieldValuesSchema([def], "intake").safeParse({ [def.key]: fromText(def, raw) });
    const value = parsed.success ? parsed.data[def.key] : null;
    if (value !== null && value !== undefined) out[def.key] = value;
  }
  return out;
}
