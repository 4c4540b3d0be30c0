// The retry sweep: deliveries that were stored but not processed (the database went away
// mid-request, or processing failed) are processed again in the background (the job
// webhook.retry-sweep, lib/jobs), a bounded number of times. Claims go through PostgreSQL (FOR
// UPDATE SKIP LOCKED), so several app instances can sweep at once without processing an event twice.
import "server-only";
import { db } from "../db";
import { logger } from "../log";
import { processWebhookEvent } from "./process";

/** A stored event younger than this is still being processed by its own request. */
export const RETRY_AFTER_MS = 15_000;
/** `attempts` counts both claims and processing runs: this allows about four retries. */
export const MAX_ATTEMPTS = 10;

/** Processes up to `limit` stalled events; returns how many it took. */
export async function retryStalledWebhookEvents({ limit = 200, olderThanMs = RETRY_AFTER_MS } = {}): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  let taken = 0;
  while (taken < limit) {
    const claimed = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM webhook_event
        WHERE status IN ('RECEIVED', 'FAILED') AND attempts < ${MAX_ATTEMPTS} AND "receivedAt" < ${cutoff}
        ORDER BY "receivedAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
      const row = rows[0];
      if (!row) return null;
      // Count the attempt before processing, so an event that crashes the processor is not retried forever.
      await tx.webhookEvent.update({ where: { id: row.id }, data: { attempts: { increment: 1 } } });
      return row.id;
    });
    if (!claimed) break;
    taken++;
    await processWebhookEvent(claimed).catch((error: unknown) =>
      logger.error({ err: error, webhookEventId: claimed }, "webhook retry failed"),
    );
  }
  return taken;
}
