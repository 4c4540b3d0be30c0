// Inbound lead sources (a website, a portal, Zapier): an admin makes one and gets a URL carrying a
// secret token (shown once; renewing it makes a new one). Each delivery to it is stored raw first,
// then read (the source's mapping, else the usual field names) and turned into a lead or an
// "Enquired again" entry (lib/intake/intake.ts), deduped on the sender's id or the body's hash.
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { audit } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { customFieldDefs } from "../custom-fields/service";
import { db } from "../db";
import { decodeCursor, encodeCursor } from "../db/cursor";
import { env } from "../env";
import { AppError, isUniqueViolation, notFound, validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { LeadDeliveryStatus } from "../generated/prisma/enums";
import { jsonTooDeep } from "../http/body";
import { hit, type RateRule } from "../http/rate-limit";
import { logger } from "../log";
import { sanitizeForPostgres } from "../webhooks/parse-delivery";
import { type IntakeValues, type Mapping, readCustomFields, readFields, valueAt } from "./fields";
import { formDto, formUrl } from "./form-dto";
import { intakeIn } from "./intake";
import type { CreateLeadSourceInput, UpdateLeadSourceInput } from "./schemas";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const intakeUrl = (id: string, token: string) => `${env.APP_URL.replace(/\/$/, "")}/api/v1/intake/${id}?token=${token}`;

async function newToken(): Promise<{ token: string; tokenHash: string }> {
  const token = randomBytes(24).toString("base64url");
  return { token, tokenHash: sha256(token) };
}

export async function createLeadSource({ actor, input }: { actor: Actor; input: CreateLeadSourceInput }) {
  assertRole(actor, ["ADMIN"]);
  const { token, tokenHash } = await newToken();
  try {
    const source = await db.leadSource.create({ data: { name: input.name, tokenHash } });
    await audit({ actor, action: "lead_source.created", target: { type: "lead_source", id: source.id }, after: { name: source.name } });
    // The URL (with its token) is in this answer only.
    return { id: source.id, name: source.name, url: intakeUrl(source.id, token) };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "A lead source with this name exists", { fields: { name: "is taken" } });
    throw error;
  }
}

/** A new URL for the source: the old one stops working at once. */
export async function renewLeadSourceUrl({ actor, id }: { actor: Actor; id: string }) {
  assertRole(actor, ["ADMIN"]);
  const { token, tokenHash } = await newToken();
  const updated = await db.leadSource.updateMany({ where: { id }, data: { tokenHash } });
  if (updated.count === 0) throw notFound("Lead source");
  await audit({ actor, action: "lead_source.token_rotated", target: { type: "lead_source", id } });
  return { id, url: intakeUrl(id, token) };
}

export async function updateLeadSource({ actor, id, input }: { actor: Actor; id: string; input: UpdateLeadSourceInput }) {
  assertRole(actor, ["ADMIN"]);
  const before = await db.leadSource.findUnique({ where: { id } });
  if (!before) throw notFound("Lead source");
  const customKeys = Object.keys(input.mapping ?? {}).filter((k) => k.startsWith("fields."));
  if (customKeys.length) {
    const active = new Set((await customFieldDefs()).filter((d) => !d.archivedAt).map((d) => `fields.${d.key}`));
    const unknown = customKeys.filter((k) => !active.has(k));
    if (unknown.length) throw validationError(Object.fromEntries(unknown.map((k) => [`mapping.${k}`, "is not a custom field in use"])));
  }
  const after = await db.leadSource.update({ where: { id }, data: input });
  await audit({
    actor,
    action: "lead_source.updated",
    target: { type: "lead_source", id },
    before: { name: before.name, active: before.active, mapping: before.mapping, constants: before.constants },
    after: { name: after.name, active: after.active, mapping: after.mapping, constants: after.constants },
  });
  return (await listLeadSources({ actor })).items.find((s) => s.id === id)!;
}

export async function listLeadSources({ actor }: { actor: Actor }) {
  assertRole(actor, ["ADMIN"]);
  const since = new Date(Date.now() - 24 * 3600_000);
  const [sources, counts] = await Promise.all([
    db.leadSource.findMany({ orderBy: { name: "asc" }, include: { form: true } }),
    db.leadDelivery.groupBy({
      by: ["sourceId", "status"],
      where: { receivedAt: { gte: since } },
      _count: true,
      _max: { receivedAt: true },
    }),
  ]);
  return {
    items: sources.map((s) => {
      const mine = counts.filter((c) => c.sourceId === s.id);
      const last = mine.map((c) => c._max.receivedAt?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
      return {
        id: s.id,
        name: s.name,
        active: s.active,
        /** Set when a connector (Meta, Google Ads, IndiaMART) delivers to it: no URL, no form. */
        connector: s.connector,
        mapping: s.mapping as Mapping,
        constants: s.constants as IntakeValues,
        createdAt: s.createdAt,
        /** Its hosted form (/f/<slug>), if it has one. */
        form: s.form ? { ...formDto(s.form), url: formUrl(s.form.slug) } : null,
        lastDeliveryAt: last ? new Date(last) : null,
        /** Deliveries in the last 24 hours, by what became of them. */
        today: Object.fromEntries(mine.map((c) => [c.status, c._count])) as Partial<Record<LeadDeliveryStatus, number>>,
      };
    }),
  };
}

export async function listDeliveries({
  actor,
  sourceId,
  cursor,
  limit = 25,
}: {
  actor: Actor;
  sourceId: string;
  cursor?: string;
  limit?: number;
}) {
  assertRole(actor, ["ADMIN"]);
  if (!(await db.leadSource.findUnique({ where: { id: sourceId }, select: { id: true } }))) throw notFound("Lead source");
  let after: Prisma.LeadDeliveryWhereInput = {};
  if (cursor) {
    const c = decodeCursor(cursor);
    const at = new Date(c.value);
    if (Number.isNaN(at.getTime())) throw validationError({ cursor: "is not a valid cursor" });
    after = { OR: [{ receivedAt: { lt: at } }, { receivedAt: at, id: { lt: c.id } }] };
  }
  const rows = await db.leadDelivery.findMany({
    where: { sourceId, ...after },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, receivedAt: true, status: true, reason: true, leadId: true, payload: true, attempts: true },
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.receivedAt.toISOString(), last.id) : null };
}

export const MAX_DELIVERY_BYTES = 64 * 1024;

/** Deliveries with an unknown source or a wrong token, per client address and minute: past this, 429. */
export const REFUSED_LIMIT: RateRule = { limit: 30, windowSeconds: 60 };
export const refusedDelivery = (key: string) => hit(key, REFUSED_LIMIT);

export interface ReceivedDelivery {
  sourceId: string;
  token: string | null;
  contentType: string | null;
  /** The body as text, or null when it was larger than MAX_DELIVERY_BYTES. */
  body: string | null;
}

/** The body read as fields: JSON (an object) or a form (application/x-www-form-urlencoded). */
function readBody(contentType: string | null, body: string): Record<string, unknown> | null {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (jsonTooDeep(body)) return null;
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(body));
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return type.includes("json") || body.trim().startsWith("{") ? null : Object.fromEntries(new URLSearchParams(body));
  }
}

/**
 * A delivery to a source's URL: the token checked (constant time), the delivery stored raw, then
 * processed. Answers what became of it; throws a 4xx for what the sender must fix.
 */
export async function receiveDelivery(delivery: ReceivedDelivery) {
  const source = delivery.sourceId ? await db.leadSource.findUnique({ where: { id: delivery.sourceId } }) : null;
  const given = delivery.token ? Buffer.from(sha256(delivery.token), "hex") : null;
  if (!source || !given || !timingSafeEqual(Buffer.from(source.tokenHash, "hex"), given))
    throw new AppError("UNAUTHORIZED", "Unknown lead source or wrong token", { fields: { token: "is missing or wrong" } });
  if (!source.active) throw new AppError("FORBIDDEN", "This lead source is switched off", { fields: { source: "is switched off" } });
  if (delivery.body === null)
    throw new AppError("PAYLOAD_TOO_LARGE", `Body is larger than ${MAX_DELIVERY_BYTES} bytes`, { fields: { body: "is too large" } });
  // PostgreSQL's text and jsonb refuse NUL characters: they become U+FFFD.
  const payload = sanitizeForPostgres(readBody(delivery.contentType, delivery.body));
  const values = payload ? readFields(payload, source.mapping as Mapping, source.constants as IntakeValues) : {};
  // Stored first, whatever it holds.
  const stored = await db.leadDelivery.create({
    data: {
      sourceId: source.id,
      contentType: delivery.contentType?.slice(0, 200) ?? null,
      body: sanitizeForPostgres(delivery.body),
      payload: (payload ?? undefined) as Prisma.InputJsonObject | undefined,
      dedupeKey: values.externalId ? `id:${values.externalId.slice(0, 200)}` : `sha256:${sha256(delivery.body)}`,
      ...(payload ? {} : { status: "SKIPPED" as const, reason: "the body is neither JSON nor a form", processedAt: new Date() }),
    },
  });
  if (!payload)
    throw new AppError("BAD_REQUEST", "Send the lead as JSON or as a form (application/x-www-form-urlencoded)", {
      fields: { body: "must be a JSON object or form fields" },
      deliveryId: stored.id,
    });
  const outcome = await processDelivery(stored.id);
  return { deliveryId: stored.id, ...outcome };
}

export type DeliveryOutcome = { status: Exclude<LeadDeliveryStatus, "REFUSED" | "SPLIT">; leadId: string | null; reason: string | null };

/** Reads a stored delivery into a lead, in one transaction with its outcome. Idempotent: a processed one is a DUPLICATE of itself. */
export async function processDelivery(id: string, { replay = false } = {}): Promise<DeliveryOutcome> {
  const delivery = await db.leadDelivery.findUniqueOrThrow({ where: { id }, include: { source: true } });
  const mapping = await deliveryMapping(delivery);
  const values = readFields(delivery.payload, mapping, delivery.source.constants as IntakeValues);
  const fields = readCustomFields(delivery.payload, mapping, await customFieldDefs());
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        let outcome: DeliveryOutcome | null = null;
        if (!replay && delivery.dedupeKey) {
          // Identical deliveries (a sender's retry): the first is processed, any later one is a DUPLICATE.
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`delivery:${delivery.sourceId}:${delivery.dedupeKey}`}, 0))`;
          // Processed meanwhile (a job and a backfill reaching the same delivery): its outcome stands.
          const self = await tx.leadDelivery.findUniqueOrThrow({ where: { id }, select: { status: true, leadId: true, reason: true } });
          if (self.status === "CREATED" || self.status === "ENQUIRED_AGAIN" || self.status === "DUPLICATE")
            return { status: self.status, leadId: self.leadId, reason: self.reason };
          const earlier = await tx.leadDelivery.findFirst({
            where: {
              sourceId: delivery.sourceId,
              dedupeKey: delivery.dedupeKey,
              id: { not: id },
              status: { in: ["CREATED", "ENQUIRED_AGAIN"] },
            },
            select: { leadId: true },
          });
          if (earlier) outcome = { status: "DUPLICATE", leadId: earlier.leadId, reason: "the same delivery came before" };
        }
        if (!outcome) {
          const result = await intakeIn(tx, values, {
            label: delivery.source.name,
            sourceName: delivery.source.name,
            leadSourceId: delivery.sourceId,
            fields,
          });
          outcome =
            result.status === "SKIPPED"
              ? { status: "SKIPPED", leadId: null, reason: result.reason }
              : { status: result.status, leadId: result.leadId, reason: null };
        }
        await tx.leadDelivery.update({
          where: { id },
          data: { ...outcome, processedAt: new Date(), attempts: { increment: 1 } },
        });
        return outcome;
      });
    } catch (error) {
      if (isUniqueViolation(error) && attempt < 3) continue;
      logger.error({ err: error, leadDeliveryId: id }, "lead delivery processing failed");
      const reason = error instanceof Error ? error.message.slice(0, 500) : String(error);
      await db.leadDelivery.update({
        where: { id },
        data: { status: "FAILED", reason, processedAt: new Date(), attempts: { increment: 1 } },
      });
      return { status: "FAILED", leadId: null, reason };
    }
  }
}

/**
 * How a delivery is read: the hosted form sends the usual names (the source's mapping is for its
 * other senders); a Meta lead by its form's mapping (set on the integrations page) over the source's.
 */
async function deliveryMapping(delivery: {
  formId: string | null;
  payload: unknown;
  source: { mapping: unknown; connector: string | null };
}) {
  if (delivery.formId) return {};
  const mapping = delivery.source.mapping as Mapping;
  if (delivery.source.connector !== "META") return mapping;
  const formId = valueAt(delivery.payload, "form_id");
  const meta = formId ? await db.integration.findUnique({ where: { kind: "META" }, select: { state: true } }) : null;
  const forms = ((meta?.state ?? {}) as { forms?: Record<string, { mapping?: Mapping }> }).forms ?? {};
  return { ...mapping, ...(formId ? forms[formId]?.mapping : {}) };
}

export async function replayDelivery({ actor, id }: { actor: Actor; id: string }) {
  assertRole(actor, ["ADMIN"]);
  const delivery = await db.leadDelivery.findUnique({ where: { id }, select: { status: true, payload: true } });
  if (!delivery) throw notFound("Lead delivery");
  if (delivery.payload === null) throw new AppError("CONFLICT", "This delivery could not be read; there is nothing to process again");
  // A delivery that made or found its lead stays as it is: processing it again would say "enquired again" twice.
  if (delivery.status === "CREATED" || delivery.status === "ENQUIRED_AGAIN" || delivery.status === "DUPLICATE")
    throw new AppError("CONFLICT", "This delivery already reached its lead");
  if (delivery.status === "TEST" || delivery.status === "SPLIT" || delivery.status === "REFUSED")
    throw new AppError("CONFLICT", "A test lead, a refused delivery or a notification split into its leads is not made a lead");
  const outcome = await processDelivery(id, { replay: true });
  await audit({
    actor,
    action: "lead_delivery.replayed",
    target: { type: "lead_delivery", id },
    before: { status: delivery.status },
    after: { status: outcome.status },
  });
  return outcome;
}
