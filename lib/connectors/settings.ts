// Each connector's secrets, health and lead source. Secrets come from the environment first, else
// from what an admin set on /settings/integrations (sealed at rest, never shown back). In
// development the dev server points the environment at the built-in simulator (its values are not
// secrets and the integrations page shows them). Each connector delivers to one lead source of its
// own (lead_source.connector), so mapping, dedupe, custom fields and the delivery log are the
// intake platform's.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db";
import { env } from "../env";
import type { Prisma } from "../generated/prisma/client";
import type { Connector } from "../generated/prisma/enums";
import { seal, unseal } from "../outbound/secret-box";

export const CONNECTORS = ["META", "GOOGLE_ADS", "INDIAMART"] as const satisfies readonly Connector[];
export type { Connector };

/** The lead source each connector's leads carry (lead.source) and the name its page shows. */
export const CONNECTOR_NAMES: Record<Connector, string> = {
  META: "Meta Lead Ads",
  GOOGLE_ADS: "Google Ads",
  INDIAMART: "IndiaMART",
};

export interface ConnectorSecrets {
  META: { appSecret?: string; verifyToken?: string; pageAccessToken?: string };
  GOOGLE_ADS: { webhookKey?: string };
  INDIAMART: { crmKey?: string };
}

/** Which secrets each connector has, and the environment variable that sets each. */
export const SECRET_ENV: { [K in Connector]: Record<keyof ConnectorSecrets[K], string> } = {
  META: { appSecret: "META_APP_SECRET", verifyToken: "META_VERIFY_TOKEN", pageAccessToken: "META_PAGE_ACCESS_TOKEN" },
  GOOGLE_ADS: { webhookKey: "GOOGLE_ADS_WEBHOOK_KEY" },
  INDIAMART: { crmKey: "INDIAMART_CRM_KEY" },
};

const envSecrets = (kind: Connector): Record<string, string | undefined> =>
  Object.fromEntries(
    Object.entries(SECRET_ENV[kind]).map(([key, name]) => [key, (env as unknown as Record<string, string | undefined>)[name]]),
  );

function unsealed(sealed: string | null | undefined): Record<string, string> {
  if (!sealed) return {};
  try {
    return JSON.parse(unseal(sealed)) as Record<string, string>;
  } catch {
    // Sealed under another server secret: as if never set (the page says to set it again).
    return {};
  }
}

/** The connector's settings row, made on first use. */
export async function integrationRow(kind: Connector) {
  const row = await db.integration.findUnique({ where: { kind } });
  if (row) return row;
  // INSERT … ON CONFLICT DO NOTHING: servers making it at once do not collide.
  await db.integration.createMany({ data: [{ kind }], skipDuplicates: true });
  return db.integration.findUniqueOrThrow({ where: { kind } });
}

/** The secrets in force: each from the environment when set there, else the admin's. */
export async function connectorSecrets<K extends Connector>(
  kind: K,
): Promise<ConnectorSecrets[K] & { from: Record<string, "env" | "admin"> }> {
  const row = await db.integration.findUnique({ where: { kind }, select: { secrets: true } });
  const admin = unsealed(row?.secrets);
  const fromEnv = envSecrets(kind);
  const out: Record<string, string> = {};
  const from: Record<string, "env" | "admin"> = {};
  for (const key of Object.keys(SECRET_ENV[kind])) {
    if (fromEnv[key]) {
      out[key] = fromEnv[key];
      from[key] = "env";
    } else if (admin[key]) {
      out[key] = admin[key];
      from[key] = "admin";
    }
  }
  return { ...(out as ConnectorSecrets[K]), from };
}

/** Sets (a string) or clears (null) the admin's secrets; keys left out stay as they are. */
export async function setAdminSecrets(kind: Connector, patch: Record<string, string | null>) {
  const row = await integrationRow(kind);
  const next = { ...unsealed(row.secrets) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  await db.integration.update({ where: { kind }, data: { secrets: Object.keys(next).length ? seal(JSON.stringify(next)) : null } });
}

/** Whether the connectors run against the built-in simulator (dev and e2e servers). */
export const simulatorUrl = () => env.LEAD_SOURCES_SIMULATOR_URL ?? null;

/** The connector's own lead source (made on first use): its leads' source name, its delivery log. */
export async function connectorSource(kind: Connector, tx: Prisma.TransactionClient | typeof db = db) {
  const existing = await tx.leadSource.findUnique({ where: { connector: kind } });
  if (existing) return existing;
  // No URL token: connectors authenticate their own way (a signature, a key); this hash matches nothing.
  const tokenHash = createHash("sha256").update(randomBytes(32)).digest("hex");
  // ON CONFLICT DO NOTHING: two first deliveries at once make one source. An admin's source already
  // holding the name: the connector's gets a name of its own.
  for (const name of [CONNECTOR_NAMES[kind], `${CONNECTOR_NAMES[kind]} (connector)`]) {
    await tx.leadSource.createMany({ data: [{ name, tokenHash, connector: kind }], skipDuplicates: true });
    const made = await tx.leadSource.findUnique({ where: { connector: kind } });
    if (made) return made;
  }
  throw new Error(`could not make the ${CONNECTOR_NAMES[kind]} lead source`);
}

/** Health on the integrations page: the last run's result, or the last error (kept until a later success). */
export async function recordHealth(
  kind: Connector,
  outcome: { ok: true; result: string; leadAt?: Date | null } | { ok: false; error: string },
) {
  const now = new Date();
  await integrationRow(kind);
  await db.integration.update({
    where: { kind },
    data: outcome.ok
      ? {
          lastRunAt: now,
          lastResult: outcome.result.slice(0, 500),
          lastError: null,
          ...(outcome.leadAt ? { lastLeadAt: outcome.leadAt } : {}),
        }
      : { lastRunAt: now, lastError: outcome.error.slice(0, 500), lastErrorAt: now },
  });
}

/** Changes the connector's state under a row lock (two jobs remembering forms at once lose neither). */
export async function updateState<S extends object>(kind: Connector, change: (state: S) => S): Promise<S> {
  await integrationRow(kind);
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ state: S }[]>`SELECT state FROM integration WHERE kind = ${kind}::"Connector" FOR UPDATE`;
    const next = change(row!.state);
    await tx.integration.update({ where: { kind }, data: { state: next as Prisma.InputJsonObject } });
    return next;
  });
}
