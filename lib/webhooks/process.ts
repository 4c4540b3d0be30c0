// Processing a stored delivery: match its call and lead and apply the event (the general path, a
// retry of a stalled one, an admin's replay). Idempotent: replaying changes nothing already right.
import "server-only";
import { audit } from "../audit/log";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { applyCallEvent, type MatchKey } from "../calls/apply-event";
import { db } from "../db";
import { AppError, isUniqueViolation, notFound } from "../errors";
import type { WebhookEventStatus } from "../generated/prisma/enums";
import { logger } from "../log";
import { flattenPayload, normalizeWebhook } from "../smartflo/webhook-payload";

export interface ProcessOutcome {
  status: WebhookEventStatus;
  callId?: string | null;
  leadId?: string | null;
  error?: string;
  /** How the delivery found its call or lead (for the log). */
  matchedBy?: MatchKey;
}

/** Processes a stored event. Idempotent: replaying it changes nothing that is already right. */
export async function processWebhookEvent(eventId: string, { replay = false } = {}): Promise<ProcessOutcome> {
  const event = await db.webhookEvent.findUnique({ where: { id: eventId }, select: { id: true, dedupeKey: true, payload: true } });
  if (!event) throw notFound("Webhook event");
  return processStoredEvent(event, { replay });
}

export async function processStoredEvent(
  event: { id: string; dedupeKey: string | null; payload: unknown },
  { replay }: { replay: boolean },
): Promise<ProcessOutcome> {
  const eventId = event.id;
  const flat = flattenPayload(event.payload);
  const mark = async (outcome: ProcessOutcome) => {
    await db.webhookEvent.update({ where: { id: eventId }, data: markData(outcome) });
    return outcome;
  };
  if (Object.keys(flat).length === 0) return mark({ status: "UNMATCHED", error: "the delivery has no usable fields" });

  const normalized = normalizeWebhook(flat);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        if (!replay) {
          // Identical deliveries (Smartflo retries, our retry sweep): exactly one is processed.
          const [dedupe] = await tx.$queryRaw<{ earlier: { callId: string | null; leadId: string | null } | null }[]>`
            SELECT crm_dedupe_delivery(${event.dedupeKey}::text, ${event.id}::text) AS earlier`;
          if (dedupe?.earlier) {
            const duplicate: ProcessOutcome = { status: "DUPLICATE", callId: dedupe.earlier.callId, leadId: dedupe.earlier.leadId };
            await tx.webhookEvent.update({ where: { id: eventId }, data: markData(duplicate) });
            return duplicate;
          }
        }
        const result = await applyCallEvent(tx, normalized);
        const outcome: ProcessOutcome =
          result.outcome === "PROCESSED"
            ? { status: "PROCESSED", callId: result.callId, leadId: result.leadId, matchedBy: result.matchedBy }
            : { status: "UNMATCHED", error: result.reason };
        await tx.webhookEvent.update({ where: { id: eventId }, data: markData(outcome) });
        return outcome;
      });
    } catch (error) {
      // Two deliveries for one new call raced to create it: the loser retries and finds it.
      if (isUniqueViolation(error) && attempt < 4) continue;
      const message = error instanceof Error ? error.message.slice(0, 1000) : String(error);
      logger.error({ err: error, webhookEventId: eventId }, "webhook processing failed");
      // If the database itself is gone this throws too: the delivery stays RECEIVED, the caller
      // answers 5xx (Smartflo retries) and the retry sweep picks the stored event up later.
      return mark({ status: "FAILED", error: message });
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
