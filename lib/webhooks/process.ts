// Processing a stored delivery: match its call and lead and apply the event (the general path, a
// retry of a stalled one, an admin's replay). Idempotent: replaying changes nothing already right.
import "server-only";
import { audit } from "../audit/log";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { applyCallEvent, type MatchKey } from "../calls/apply-event";
import { db } from "../db";
import { AppError, isUniqueViolation, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { WebhookEventStatus } from "../generated/prisma/enums";
import { logger } from "../log";
import { flattenPayload, type NormalizedEvent, normalizeWebhook } from "../smartflo/webhook-payload";

export interface ProcessOutcome {
  status: WebhookEventStatus;
  callId?: string | null;
  leadId?: string | null;
  error?: string;
  /** How the delivery found its call or lead (for the log). */
  matchedBy?: MatchKey;
}

/** Processes a stored event (the retry sweep, a replay). Idempotent: replaying it changes nothing that is already right. */
export async function processWebhookEvent(eventId: string, { replay = false } = {}): Promise<ProcessOutcome> {
  const event = await db.webhookEvent.findUnique({ where: { id: eventId }, select: { id: true, dedupeKey: true, payload: true } });
  if (!event) throw notFound("Webhook event");
  const flat = flattenPayload(event.payload);
  const mark = async (outcome: ProcessOutcome) => {
    await db.webhookEvent.update({ where: { id: eventId }, data: markData(outcome) });
    return outcome;
  };
  if (Object.keys(flat).length === 0) return mark(NO_FIELDS);
  return processOnce(event, normalizeWebhook(flat), replay, {
    record: (tx, outcome) => tx.webhookEvent.update({ where: { id: eventId }, data: markData(outcome) }),
    recordFailure: mark,
  });
}

/** What the stored delivery row holds of the request (crm_ingest_webhook's p_delivery, Prisma's create input). */
export type DeliveryColumns = Prisma.WebhookEventUncheckedCreateInput & { id: string; dedupeKey: string | null };

/**
 * A new delivery the hot path did not take (its call_id names no call we know): matched and applied,
 * and stored with its outcome in the same transaction, so its row is written once. Processing that
 * fails is undone and the delivery stored FAILED for the retry sweep; if even that cannot be
 * written, this throws and Smartflo retries (nothing was acknowledged).
 */
export async function processNewDelivery(columns: DeliveryColumns, normalized: NormalizedEvent | null): Promise<ProcessOutcome> {
  const create = (client: Pick<Tx, "webhookEvent">, outcome: ProcessOutcome) =>
    client.webhookEvent.create({ data: { ...columns, ...markData(outcome), attempts: 1 }, select: { id: true } });
  if (!normalized) {
    await create(db, NO_FIELDS);
    return NO_FIELDS;
  }
  return processOnce(columns, normalized, false, {
    record: create,
    recordFailure: async (outcome) => {
      await create(db, outcome);
      return outcome;
    },
  });
}

const NO_FIELDS: ProcessOutcome = { status: "UNMATCHED", error: "the delivery has no usable fields" };

type Tx = Prisma.TransactionClient;

/** One processing run in a transaction: dedupe, match and apply, record the outcome; retried when two deliveries raced. */
async function processOnce(
  event: { id: string; dedupeKey: string | null },
  normalized: NormalizedEvent,
  replay: boolean,
  {
    record,
    recordFailure,
  }: { record: (tx: Tx, outcome: ProcessOutcome) => Promise<unknown>; recordFailure: (o: ProcessOutcome) => Promise<ProcessOutcome> },
): Promise<ProcessOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        let outcome: ProcessOutcome | null = null;
        if (!replay) {
          // Identical deliveries (Smartflo retries, our retry sweep): exactly one is processed.
          const [dedupe] = await tx.$queryRaw<{ earlier: { callId: string | null; leadId: string | null } | null }[]>`
            SELECT crm_dedupe_delivery(${event.dedupeKey}::text, ${event.id}::text) AS earlier`;
          if (dedupe?.earlier) outcome = { status: "DUPLICATE", callId: dedupe.earlier.callId, leadId: dedupe.earlier.leadId };
        }
        if (!outcome) {
          const result = await applyCallEvent(tx, normalized);
          outcome =
            result.outcome === "PROCESSED"
              ? { status: "PROCESSED", callId: result.callId, leadId: result.leadId, matchedBy: result.matchedBy }
              : { status: "UNMATCHED", error: result.reason };
        }
        await record(tx, outcome);
        return outcome;
      });
    } catch (error) {
      // Two deliveries for one new call raced to create it: the loser retries and finds it.
      if (isUniqueViolation(error) && attempt < 4) continue;
      const message = error instanceof Error ? error.message.slice(0, 1000) : String(error);
      logger.error({ err: error, webhookEventId: event.id }, "webhook processing failed");
      // If the database itself is gone this throws too: the caller answers 5xx (Smartflo retries)
      // and a stored delivery stays as it was for the retry sweep.
      return recordFailure({ status: "FAILED", error: message });
    }
  }
}

function markData(outcome: ProcessOutcome) {
  return {
    status: outcome.status,
    error: outcome.error ?? null,
    callId: outcome.callId ?? null,
    leadId: outcome.leadId ?? null,
    processedAt: new Date(),
    attempts: { increment: 1 },
  };
}

export async function replayWebhookEvent({ actor, id }: { actor: Actor; id: string }): Promise<ProcessOutcome> {
  assertRole(actor, ["ADMIN"]);
  const event = await db.webhookEvent.findUnique({ where: { id }, select: { status: true } });
  if (!event) throw notFound("Webhook event");
  if (event.status === "REJECTED")
    throw new AppError("CONFLICT", "Rejected deliveries (bad token, unreadable or too large) have nothing to replay");
  const outcome = await processWebhookEvent(id, { replay: true });
  await audit({
    actor,
    action: "webhook.replayed",
    target: { type: "webhook_event", id },
    before: { status: event.status },
    after: { status: outcome.status, callId: outcome.callId ?? null },
  });
  return outcome;
}
