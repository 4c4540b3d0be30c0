// The delivery log and the unmatched inbox (admins): every stored webhook delivery, newest first,
// with what it matched; a delivery nobody matched can be linked to a lead, or to a new one made
// from its number.
import "server-only";
import { audit } from "../audit/log";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { applyCallEvent } from "../calls/apply-event";
import { db } from "../db";
import { newestFirstAfter, newestFirstPage } from "../db/cursor";
import { AppError, notFound, validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { WebhookEventStatus } from "../generated/prisma/enums";
import { normalizePhone } from "../phone";
import { classifyTrigger } from "../smartflo/triggers";
import { flattenPayload, normalizeWebhook } from "../smartflo/webhook-payload";

type ListWebhookEventsInput = { actor: Actor; status?: WebhookEventStatus; cursor?: string; limit?: number };

export async function listWebhookEvents({ actor, status, cursor, limit = 50 }: ListWebhookEventsInput) {
  assertRole(actor, ["ADMIN"]);
  const where: Prisma.WebhookEventWhereInput = status ? { status } : {};
  const rows = await db.webhookEvent.findMany({
    where: { AND: [where, newestFirstAfterReceived(cursor)] },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const leadIds = [...new Set(rows.map((r) => r.leadId).filter((v): v is string => !!v))];
  const leads = await db.lead.findMany({ where: { id: { in: leadIds } }, select: { id: true, name: true } });
  const page = newestFirstPage(
    rows.map((r) => ({ ...r, createdAt: r.receivedAt })),
    limit,
  );
  const total = await db.webhookEvent.count({ where });
  return {
    total,
    nextCursor: page.nextCursor,
    items: page.items.map((e) => {
      const normalized = normalizeWebhook(flattenPayload(e.payload));
      return {
        id: e.id,
        receivedAt: e.receivedAt.toISOString(),
        method: e.method,
        contentType: e.contentType,
        status: e.status,
        error: e.error,
        attempts: e.attempts,
        trigger: e.payload ? classifyTrigger(normalized) : null,
        summary: {
          callId: normalized.callId,
          direction: normalized.direction,
          status: normalized.status,
          customer: normalized.customerNumber ?? normalized.customerRaw,
        },
        callId: e.callId,
        lead: leads.find((l) => l.id === e.leadId) ?? null,
        body: e.body,
        bodyBytes: e.bodyBytes,
        bodySha256: e.bodySha256,
        query: e.query,
        headers: e.headers,
      };
    }),
  };
}

function newestFirstAfterReceived(cursor?: string): Prisma.WebhookEventWhereInput {
  const where = newestFirstAfter(cursor) as { OR?: [{ createdAt: { lt: Date } }, { createdAt: Date; id: { lt: string } }] };
  if (!where.OR) return {};
  const [a, b] = where.OR;
  return { OR: [{ receivedAt: { lt: a.createdAt.lt } }, { receivedAt: b.createdAt, id: b.id }] };
}

type LinkWebhookEventInput = { actor: Actor; id: string; leadId?: string; newLeadName?: string };

/** Unmatched inbox: attach a delivery to an existing lead, or to a new one made from its number. */
export async function linkWebhookEvent({ actor, id, leadId, newLeadName }: LinkWebhookEventInput) {
  assertRole(actor, ["ADMIN"]);
  const event = await db.webhookEvent.findUnique({ where: { id } });
  if (!event) throw notFound("Webhook event");
  if (event.status !== "UNMATCHED" && event.status !== "FAILED")
    throw new AppError("CONFLICT", "Only unmatched or failed deliveries can be linked");
  const normalized = normalizeWebhook(flattenPayload(event.payload));
  return db.$transaction(async (tx) => {
    let targetId = leadId;
    if (!targetId) {
      const phone = normalizePhone(normalized.customerRaw ?? "");
      if (!phone) throw validationError({ newLeadName: "this delivery has no valid customer number to create a lead from" });
      const existing = await tx.lead.findUnique({ where: { phone: phone.e164 } });
      targetId =
        existing?.id ??
        (
          await tx.lead.create({
            data: {
              name: newLeadName?.trim() || `Caller ${phone.e164}`,
              phone: phone.e164,
              phoneLast10: phone.last10,
              source: "Smartflo call",
            },
          })
        ).id;
    } else if (!(await tx.lead.findUnique({ where: { id: targetId }, select: { id: true } }))) {
      throw validationError({ leadId: "no such lead" });
    }
    const result = await applyCallEvent(tx, { ...normalized, refId: targetId, customIdentifier: null });
    if (result.outcome !== "PROCESSED") throw new AppError("CONFLICT", result.reason);
    await tx.webhookEvent.update({
      where: { id },
      data: {
        status: "PROCESSED",
        error: null,
        callId: result.callId,
        leadId: result.leadId,
        processedAt: new Date(),
        attempts: { increment: 1 },
      },
    });
    await audit(
      {
        actor,
        action: "webhook.linked",
        target: { type: "webhook_event", id },
        before: { status: event.status },
        after: { leadId: result.leadId, callId: result.callId, leadCreated: !leadId },
      },
      tx,
    );
    return { status: "PROCESSED" as const, callId: result.callId, leadId: result.leadId };
  });
}
