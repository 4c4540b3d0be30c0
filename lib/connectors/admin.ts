// /settings/integrations, for admins: each connector's status (simulator, connected, not set up),
// the exact values to paste into Meta, Google Ads and IndiaMART, last lead, last run and errors;
// secrets set (sealed) or cleared, never shown back (the simulator's are not secrets: shown);
// "Send a test lead" through the simulator, end to end; "Sync now"; Meta's per-form mapping.
import "server-only";
import { audit } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { customFieldDefs } from "../custom-fields/service";
import { db } from "../db";
import { env } from "../env";
import { AppError, validationError } from "../errors";
import { INTAKE_FIELDS } from "../intake/fields";
import { formatPhone, normalizePhone } from "../phone";
import { deliveryCounts } from "./deliveries";
import { newGoogleKey } from "./google-ads";
import { pull } from "./indiamart";
import { backfill } from "./meta";
import {
  CONNECTOR_NAMES,
  CONNECTORS,
  type Connector,
  connectorSecrets,
  connectorSource,
  integrationRow,
  SECRET_ENV,
  setAdminSecrets,
  simulatorUrl,
  updateState,
} from "./settings";
import { SIM_SECRETS } from "./simulator/secrets";

export const CONNECTOR_SLUGS: Record<string, Connector> = { meta: "META", "google-ads": "GOOGLE_ADS", indiamart: "INDIAMART" };
export const slugOf = (kind: Connector) => Object.entries(CONNECTOR_SLUGS).find(([, k]) => k === kind)![0];

export function connectorOf(slug: string | undefined): Connector {
  const kind = CONNECTOR_SLUGS[slug ?? ""];
  if (!kind) throw new AppError("NOT_FOUND", "No such integration", { fields: { kind: "must be meta, google-ads or indiamart" } });
  return kind;
}

const appUrl = (path: string) => new URL(path, env.APP_URL).toString();

/** The values to paste on the platform's side (secrets only when they are the simulator's); `copy`: a value, not an instruction. */
function setupValues(kind: Connector, simulated: boolean): { label: string; value: string; copy: boolean }[] {
  const value = (label: string, v: string) => ({ label, value: v, copy: true });
  const note = (label: string, v: string) => ({ label, value: v, copy: false });
  if (kind === "META")
    return [
      value("Callback URL", appUrl("/api/v1/integrations/meta/webhook")),
      simulated
        ? value("Verify token", SIM_SECRETS.metaVerifyToken)
        : note("Verify token", "the value of META_VERIFY_TOKEN (set below or in the environment)"),
      value("Webhook field", "leadgen"),
    ];
  if (kind === "GOOGLE_ADS")
    return [
      value("Webhook URL", appUrl("/api/v1/integrations/google-ads/webhook")),
      simulated ? value("Key", SIM_SECRETS.googleKey) : note("Key", "the key made below (shown once), or GOOGLE_ADS_WEBHOOK_KEY"),
    ];
  return [
    simulated
      ? value("CRM key", SIM_SECRETS.indiamartKey)
      : note("CRM key", "from IndiaMART Lead Manager → CRM API (v2), set below or as INDIAMART_CRM_KEY"),
    note("Pulled every", `${env.INDIAMART_PULL_INTERVAL_SECONDS} s (IndiaMART allows one pull per 5 minutes)`),
  ];
}

/** Whether this connector talks to the built-in simulator (the dev server set its simulator's values). */
function isSimulated(kind: Connector, secrets: Record<string, unknown>): boolean {
  if (simulatorUrl() === null) return false;
  if (kind === "META") return secrets.appSecret === SIM_SECRETS.metaAppSecret;
  if (kind === "GOOGLE_ADS") return secrets.webhookKey === SIM_SECRETS.googleKey;
  return secrets.crmKey === SIM_SECRETS.indiamartKey;
}

export async function listIntegrations({ actor }: { actor: Actor }) {
  assertRole(actor, ["ADMIN"]);
  const since = new Date(Date.now() - 24 * 3600_000);
  const items = [];
  for (const kind of CONNECTORS) {
    const [row, source, secrets] = await Promise.all([integrationRow(kind), connectorSource(kind), connectorSecrets(kind)]);
    const required = Object.keys(SECRET_ENV[kind]);
    const missing = required.filter((k) => !(secrets as Record<string, unknown>)[k]);
    const simulated = isSimulated(kind, secrets);
    const state = row.state as {
      forms?: Record<string, { name: string; questions?: { key: string; label: string }[]; mapping?: Record<string, string> }>;
    };
    items.push({
      kind,
      slug: slugOf(kind),
      name: CONNECTOR_NAMES[kind],
      mode: missing.length === 0 ? (simulated ? "simulator" : "connected") : "not_set_up",
      enabled: row.enabled,
      sourceId: source.id,
      sourceName: source.name,
      secrets: required.map((key) => ({
        key,
        env: (SECRET_ENV[kind] as Record<string, string>)[key]!,
        set: Boolean((secrets as Record<string, unknown>)[key]),
        from: secrets.from[key] ?? null,
      })),
      setup: setupValues(kind, simulated),
      lastLeadAt: row.lastLeadAt,
      lastRunAt: row.lastRunAt,
      lastResult: row.lastResult,
      lastError: row.lastError,
      lastErrorAt: row.lastErrorAt,
      nextPullAt: kind === "INDIAMART" ? row.notBefore : null,
      today: await deliveryCounts(source.id, since),
      forms:
        kind === "META"
          ? Object.entries(state.forms ?? {}).map(([id, f]) => ({
              id,
              name: f.name,
              questions: f.questions ?? [],
              mapping: f.mapping ?? {},
            }))
          : [],
    });
  }
  return { simulator: simulatorUrl() !== null, items };
}

export async function updateIntegration({
  actor,
  kind,
  input,
}: {
  actor: Actor;
  kind: Connector;
  input: { enabled?: boolean; secrets?: Record<string, string | null> };
}) {
  assertRole(actor, ["ADMIN"]);
  const known = Object.keys(SECRET_ENV[kind]);
  const unknown = Object.keys(input.secrets ?? {}).filter((k) => !known.includes(k));
  if (unknown.length)
    throw validationError(Object.fromEntries(unknown.map((k) => [`secrets.${k}`, `is not a setting of ${CONNECTOR_NAMES[kind]}`])));
  if (input.secrets && Object.keys(input.secrets).length) await setAdminSecrets(kind, input.secrets);
  if (input.enabled !== undefined) {
    await integrationRow(kind);
    await db.integration.update({ where: { kind }, data: { enabled: input.enabled } });
  }
  // What changed, never the values.
  await audit({
    actor,
    action: "integration.updated",
    target: { type: "integration", id: kind },
    after: {
      enabled: input.enabled,
      secrets: Object.fromEntries(Object.entries(input.secrets ?? {}).map(([k, v]) => [k, v === null ? "cleared" : "set"])),
    },
  });
  return (await listIntegrations({ actor })).items.find((i) => i.kind === kind)!;
}

/** A new Google Ads key, sealed; shown in this answer only. */
export async function rotateGoogleKey({ actor }: { actor: Actor }) {
  assertRole(actor, ["ADMIN"]);
  const key = newGoogleKey();
  await setAdminSecrets("GOOGLE_ADS", { webhookKey: key });
  await audit({ actor, action: "integration.key_rotated", target: { type: "integration", id: "GOOGLE_ADS" } });
  return { key, fromEnv: Boolean(env.GOOGLE_ADS_WEBHOOK_KEY) };
}

/** "Send a test lead": the simulator makes one on the platform and delivers it as the platform would. */
export async function sendTestLead({ actor, kind }: { actor: Actor; kind: Connector }) {
  assertRole(actor, ["ADMIN"]);
  const sim = simulatorUrl();
  if (!sim || !isSimulated(kind, await connectorSecrets(kind)))
    throw new AppError(
      "CONFLICT",
      "Test leads go through the built-in simulator, which runs with `npm run dev`. With a real account, use the platform's own test tool.",
      {
        fields: { kind: "no simulator here" },
      },
    );
  const path = { META: "/__sim/meta/leads", GOOGLE_ADS: "/__sim/google-ads/leads", INDIAMART: "/__sim/indiamart/leads" }[kind];
  const response = await fetch(new URL(path, sim), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
    signal: AbortSignal.timeout(20_000),
  }).catch(() => null);
  if (!response?.ok) throw new AppError("UPSTREAM", "The lead-source simulator did not answer");
  const made = (await response.json()) as { name?: string; phone?: string; statuses?: number[] };
  // IndiaMART is pulled, not pushed: pull now if the interval allows, else the next pull brings it.
  const pulled = kind === "INDIAMART" ? await pull() : null;
  await audit({ actor, action: "integration.test_lead", target: { type: "integration", id: kind } });
  // Shown as the lead list shows it (libphonenumber's grouping: "+91 870 566 0906" and "+91 98104 19707" both occur).
  const e164 = normalizePhone(made.phone)?.e164;
  const phoneDisplay = e164 ? formatPhone(e164) : (made.phone ?? null);
  return { name: made.name ?? null, phone: made.phone ?? null, phoneDisplay, delivered: made.statuses ?? null, pull: pulled };
}

export async function syncNow({ actor, kind }: { actor: Actor; kind: Connector }) {
  assertRole(actor, ["ADMIN"]);
  if (kind === "GOOGLE_ADS")
    throw new AppError("CONFLICT", "Google Ads sends each lead as it comes: there is nothing to pull", { fields: { kind: "has no sync" } });
  const result = kind === "META" ? await backfill() : await pull();
  await audit({ actor, action: "integration.synced", target: { type: "integration", id: kind }, after: { status: result.status } });
  return result;
}

/** Meta: which lead field each of a form's questions fills (over the source's own mapping). */
export async function setFormMapping({ actor, formId, mapping }: { actor: Actor; formId: string; mapping: Record<string, string> }) {
  assertRole(actor, ["ADMIN"]);
  const custom = new Set((await customFieldDefs()).filter((d) => !d.archivedAt).map((d) => `fields.${d.key}`));
  const bad = Object.keys(mapping).filter((k) => !(INTAKE_FIELDS as readonly string[]).includes(k) && !custom.has(k));
  if (bad.length)
    throw validationError(Object.fromEntries(bad.map((k) => [`mapping.${k}`, "is not a lead field or a custom field in use"])));
  type Forms = { forms?: Record<string, { name: string; mapping?: Record<string, string> }> };
  await updateState<Forms>("META", (state) => {
    const form = state.forms?.[formId];
    if (!form) throw new AppError("NOT_FOUND", "No lead has come from this form yet", { fields: { formId: "is not a known form" } });
    return { ...state, forms: { ...state.forms, [formId]: { ...form, mapping } } };
  });
  await audit({ actor, action: "integration.form_mapping", target: { type: "integration", id: `META:${formId}` }, after: { mapping } });
  return { formId, mapping };
}
