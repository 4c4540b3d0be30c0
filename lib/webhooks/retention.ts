// Raw webhook bodies hold customers' phone numbers: after WEBHOOK_RETENTION_DAYS the body, the
// decoded payload, the query and the headers of a delivery are blanked (in batches, by the
// retention job). The delivery row stays (its status, call and lead), and so do the calls.
import "server-only";
import { db } from "../db";
import { env } from "../env";

const BATCH = 1000;

/** Blanks the raw data of deliveries older than the retention period; returns how many. */
export async function purgeOldWebhookBodies({ days = env.WEBHOOK_RETENTION_DAYS, now = new Date() } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  let purged = 0;
  for (;;) {
    const n = await db.$executeRaw`
      UPDATE webhook_event SET body = NULL, payload = NULL, query = '{}'::jsonb, headers = '{}'::jsonb
      WHERE id IN (
        SELECT id FROM webhook_event
        WHERE "receivedAt" < ${cutoff} AND (body IS NOT NULL OR payload IS NOT NULL OR query <> '{}'::jsonb OR headers <> '{}'::jsonb)
        LIMIT ${BATCH}
      )`;
    purged += n;
    if (n < BATCH) return purged;
  }
}

/**
 * The same for lead deliveries (lead sources, web forms, Meta, Google Ads, IndiaMART): what a
 * platform sent, raw and read, is blanked after the retention period; the row stays (its outcome, its lead).
 */
export async function purgeOldLeadDeliveries({ days = env.WEBHOOK_RETENTION_DAYS, now = new Date() } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  let purged = 0;
  for (;;) {
    const n = await db.$executeRaw`
      UPDATE lead_delivery SET body = NULL, payload = NULL
      WHERE id IN (
        SELECT id FROM lead_delivery WHERE "receivedAt" < ${cutoff} AND (body IS NOT NULL OR payload IS NOT NULL) LIMIT ${BATCH}
      )`;
    purged += n;
    if (n < BATCH) return purged;
  }
}
