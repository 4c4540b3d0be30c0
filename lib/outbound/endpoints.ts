// Outgoing webhook endpoints, for admins (and API keys with webhooks:manage): register an address
// and its events (the signing secret is shown once), change or turn off, rotate the secret (the old
// one keeps signing for 24 hours), send a test event, read the delivery log, replay a delivery.
import "server-only";
import { audit } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { db } from "../db";
import { newestFirstAfter, newestFirstPage } from "../db/cursor";
import { AppError, notFound, validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { dispatchNow, type TryResult } from "./dispatch";
import { TEST_EVENT, type WebhookEventType } from "./events";
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from "./schemas";
import { seal } from "./secret-box";
import { newWebhookSecret } from "./sign";
import { endpointUrlProblem } from "./url-policy";

export const ROTATION_OVERLAP_MS = 24 * 3600_000;
export const MAX_ENDPOINTS = 20;

function assertUrl(url: string): void {
  const problem = endpointUrlProblem(url);
  if (problem) throw validationError({ url: problem });
}

const creator = (actor: Actor) => (actor.apiKey ? null : actor.id);

export async function createWebhookEndpoint({ actor, input }: { actor: Actor; input: CreateWebhookEndpointInput }) {
  assertRole(actor, ["ADMIN"]);
  assertUrl(input.url);
  if ((await db.webhookEndpoint.count()) >= MAX_ENDPOINTS)
    throw new AppError("CONFLICT", `At most ${MAX_ENDPOINTS} endpoints: delete one first`, { fields: { url: "too many endpoints" } });
  const secret = newWebhookSecret();
  const created = await db.webhookEndpoint.create({
    data: {
      url: input.url,
      events: input.events,
      description: input.description ?? null,
      secretSealed: seal(secret),
      createdById: creator(actor),
    },
  });
  await audit({
    actor,
    action: "webhook_endpoint.created",
    target: { type: "webhook_endpoint", id: created.id },
    after: { url: created.url, events: created.events, description: created.description },
  });
  // The secret is in this answer only (and after a rotation).
  return { ...(await endpointDto(created.id)), secret };
}

const ENDPOINT_SELECT = {
  id: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  disabledReason: true,
  disabledAt: true,
  failingSince: true,
  consecutiveFailures: true,
  pausedUntil: true,
  lastSuccessAt: true,
  previousSecretUntil: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookEndpointSelect;

type EndpointRow = Prisma.WebhookEndpointGetPayload<{ select: typeof ENDPOINT_SELECT }>;

/** An endpoint as admins read it (no secret). */
function toEndpointDto(e: EndpointRow, now = new Date()) {
  return {
    ...e,
    events: e.events as WebhookEventType[],
    /** The previous secret still signs until this time (null: no rotation under way). */
    previousSecretUntil: e.previousSecretUntil && e.previousSecretUntil > now ? e.previousSecretUntil : null,
  };
}

export async function listWebhookEndpoints({ actor }: { actor: Actor }) {
  assertRole(actor, ["ADMIN"]);
  const since = new Date(Date.now() - 24 * 3600_000);
  const [rows, counts] = await Promise.all([
    db.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" }, select: ENDPOINT_SELECT }),
    db.webhookDelivery.groupBy({ by: ["endpointId", "status"], where: { createdAt: { gte: since } }, _count: true }),
  ]);
  return {
    items: rows.map((e) => ({
      ...toEndpointDto(e),
      /** Deliveries of the last 24 hours by status. */
      today: Object.fromEntries(counts.filter((c) => c.endpointId === e.id).map((c) => [c.status, c._count])) as Partial<
        Record<"PENDING" | "DELIVERED" | "FAILED", number>
      >,
    })),
  };
}

export type WebhookEndpointDto = Awaited<ReturnType<typeof listWebhookEndpoints>>["items"][number];

async function endpointDto(id: string) {
  const e = await db.webhookEndpoint.findUnique({ where: { id }, select: ENDPOINT_SELECT });
  if (!e) throw notFound("Webhook endpoint");
  return toEndpointDto(e);
}

export async function updateWebhookEndpoint({ actor, id, input }: { actor: Actor; id: string; input: UpdateWebhookEndpointInput }) {
  assertRole(actor, ["ADMIN"]);
  const before = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!before) throw notFound("Webhook endpoint");
  if (input.url !== undefined) assertUrl(input.url);
  const turningOn = input.enabled === true && !before.enabled;
  const turningOff = input.enabled === false && before.enabled;
  const after = await db.webhookEndpoint.update({
    where: { id },
    data: {
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.events !== undefined ? { events: input.events } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(turningOn
        ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null, consecutiveFailures: 0, pausedUntil: null }
        : {}),
      ...(turningOff ? { enabled: false, disabledAt: new Date(), disabledReason: `Turned off by ${actor.name}` } : {}),
    },
  });
  await audit({
    actor,
    action: "webhook_endpoint.updated",
    target: { type: "webhook_endpoint", id },
    before: { url: before.url, events: before.events, description: before.description, enabled: before.enabled },
    after: { url: after.url, events: after.events, description: after.description, enabled: after.enabled },
  });
  return endpointDto(id);
}

export async function deleteWebhookEndpoint({ actor, id }: { actor: Actor; id: string }) {
  assertRole(actor, ["ADMIN"]);
  const before = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!before) throw notFound("Webhook endpoint");
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id } });
    // Events no other endpoint is waiting for or has been sent.
    await tx.$executeRaw`DELETE FROM outbox_event o WHERE NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d."eventId" = o.id)`;
    await audit(
      {
        actor,
        action: "webhook_endpoint.deleted",
        target: { type: "webhook_endpoint", id },
        before: { url: before.url, events: before.events },
      },
      tx,
    );
  });
}

/** A new secret; the old one keeps signing (a second signature) for 24 hours while receivers switch. */
export async function rotateWebhookSecret({ actor, id }: { actor: Actor; id: string }) {
  assertRole(actor, ["ADMIN"]);
  const before = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!before) throw notFound("Webhook endpoint");
  const secret = newWebhookSecret();
  await db.webhookEndpoint.update({
    where: { id },
    data: {
      secretSealed: seal(secret),
      previousSecretSealed: before.secretSealed,
      previousSecretUntil: new Date(Date.now() + ROTATION_OVERLAP_MS),
    },
  });
  await audit({ actor, action: "webhook_endpoint.secret_rotated", target: { type: "webhook_endpoint", id } });
  return { ...(await endpointDto(id)), secret };
}

function tryDto(result: TryResult | undefined) {
  if (!result) throw new AppError("CONFLICT", "This delivery is being sent right now; try again in a moment");
  return { ok: result.ok, status: result.status, error: result.error, durationMs: result.ms };
}

/** A webhook.test event to this endpoint only, sent now (also while it is turned off): what it answered. */
export async function sendTestEvent({ actor, id }: { actor: Actor; id: string }) {
  assertRole(actor, ["ADMIN"]);
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id }, select: { id: true } });
  if (!endpoint) throw notFound("Webhook endpoint");
  const at = new Date();
  const deliveryId = await db.$transaction(async (tx) => {
    const event = await tx.outboxEvent.create({
      data: {
        type: TEST_EVENT,
        createdAt: at,
        payload: { type: TEST_EVENT, timestamp: at.toISOString(), data: { endpointId: id, message: `A test event sent by ${actor.name}` } },
      },
    });
    const delivery = await tx.webhookDelivery.create({ data: { endpointId: id, eventId: event.id, createdAt: at, nextAttemptAt: at } });
    return delivery.id;
  });
  const [result] = await dispatchNow([deliveryId]);
  return { deliveryId, ...tryDto(result) };
}

/** Sends a delivery again now (same webhook-id, so receivers can tell a repeat): what it answered. */
export async function replayWebhookDelivery({ actor, id }: { actor: Actor; id: string }) {
  assertRole(actor, ["ADMIN"]);
  const delivery = await db.webhookDelivery.findUnique({ where: { id }, select: { id: true, endpointId: true, status: true } });
  if (!delivery) throw notFound("Delivery");
  await db.webhookDelivery.update({ where: { id }, data: { status: "PENDING", nextAttemptAt: new Date() } });
  await audit({
    actor,
    action: "webhook_delivery.replayed",
    target: { type: "webhook_delivery", id },
    before: { status: delivery.status },
    after: { endpointId: delivery.endpointId },
  });
  const [result] = await dispatchNow([id]);
  return { deliveryId: id, ...tryDto(result) };
}

export async function listWebhookDeliveries({
  actor,
  endpointId,
  status,
  cursor,
  limit,
}: {
  actor: Actor;
  endpointId: string;
  status?: "PENDING" | "DELIVERED" | "FAILED";
  cursor?: string;
  limit: number;
}) {
  assertRole(actor, ["ADMIN"]);
  if (!(await db.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { id: true } }))) throw notFound("Webhook endpoint");
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId, ...(status ? { status } : {}), ...(cursor ? newestFirstAfter(cursor) : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastAttemptAt: true,
      lastStatus: true,
      lastError: true,
      lastResponse: true,
      lastDurationMs: true,
      deliveredAt: true,
      createdAt: true,
      event: { select: { id: true, type: true, payload: true } },
    },
  });
  const page = newestFirstPage(rows, limit);
  return {
    ...page,
    items: page.items.map(({ event, nextAttemptAt, ...d }) => ({
      ...d,
      /** When it is tried next (null once delivered or given up). */
      nextAttemptAt: d.status === "PENDING" ? nextAttemptAt : null,
      eventId: event.id,
      type: event.type,
      payload: event.payload,
    })),
  };
}
