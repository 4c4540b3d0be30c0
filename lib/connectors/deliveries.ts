// What every connector does with what it receives, on the intake platform's delivery log: a
// refused delivery is kept digest-only (its body is unverified, and may be anyone's data); a lead
// is stored before anything else, once per the platform's own id (leadgen_id, lead_id,
// UNIQUE_QUERY_ID), then read into a lead by lib/intake/sources.ts.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { LeadDeliveryStatus } from "../generated/prisma/enums";
import { sanitizeForPostgres } from "../webhooks/parse-delivery";

export const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
/** Two secrets compared in constant time, whatever their lengths (a verify token, a webhook key). */
export const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(Buffer.from(sha256(given), "hex"), Buffer.from(sha256(expected), "hex"));
export const externalKey = (id: string) => `id:${id.slice(0, 200)}`;

/** A delivery refused (a wrong signature or key, not set up): only its digest and why are kept. */
export async function storeRefused({
  sourceId,
  raw,
  contentType,
  reason,
}: {
  sourceId: string;
  raw: Buffer;
  contentType: string | null;
  reason: string;
}) {
  const digest = sha256(raw);
  return db.leadDelivery.create({
    data: {
      sourceId,
      contentType: contentType?.slice(0, 200) ?? null,
      body: null,
      dedupeKey: `sha256:${digest}`,
      status: "REFUSED",
      reason: `${reason} (${raw.length} bytes, sha256 ${digest.slice(0, 16)}…)`.slice(0, 500),
      processedAt: new Date(),
    },
    select: { id: true },
  });
}

/** Deliveries of the same lead that reached it or are on their way: a later one is a repeat. */
const LIVE: LeadDeliveryStatus[] = ["RECEIVED", "CREATED", "ENQUIRED_AGAIN", "SKIPPED", "TEST"];

export interface ConnectorLead {
  sourceId: string;
  /** The platform's own id for the lead. */
  externalId: string;
  /** The raw text as the platform sent it (a notification's change, the Graph answer, a pulled record). */
  body: string;
  /** The lead as read (flat keys the intake platform's usual names and mappings understand). */
  payload: Record<string, unknown>;
  contentType?: string;
  status?: "RECEIVED" | "TEST";
  reason?: string;
}

/**
 * Stores a lead once per the platform's id. A repeat (a redelivery, an overlapping pull) is kept as
 * a DUPLICATE (`onRepeat: "record"`) or not at all (`"skip"`); null then. A repeat of a delivery
 * that failed for good takes its place. Concurrent arrivals of one id are serialised.
 */
export async function storeConnectorLead(lead: ConnectorLead, { onRepeat }: { onRepeat: "record" | "skip" }) {
  const dedupeKey = externalKey(lead.externalId);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`delivery:${lead.sourceId}:${dedupeKey}`}, 0))`;
    const earlier = await tx.leadDelivery.findFirst({
      where: { sourceId: lead.sourceId, dedupeKey, status: { in: LIVE } },
      orderBy: { receivedAt: "asc" },
      select: { id: true, leadId: true, status: true },
    });
    if (earlier && onRepeat === "skip") return { delivery: null, earlier };
    const data: Prisma.LeadDeliveryUncheckedCreateInput = {
      sourceId: lead.sourceId,
      contentType: lead.contentType ?? "application/json",
      body: sanitizeForPostgres(lead.body),
      payload: sanitizeForPostgres(lead.payload) as Prisma.InputJsonObject,
      dedupeKey,
      ...(earlier
        ? { status: "DUPLICATE" as const, leadId: earlier.leadId, reason: "the same lead came before", processedAt: new Date() }
        : lead.status === "TEST"
          ? { status: "TEST" as const, reason: lead.reason ?? "a test lead: no lead made", processedAt: new Date() }
          : { reason: lead.reason ?? null }),
    };
    const delivery = await tx.leadDelivery.create({ data, select: { id: true, status: true, leadId: true } });
    return { delivery, earlier };
  });
}

/** Deliveries of this source by what became of them, since `since` (the integrations page's counts). */
export async function deliveryCounts(sourceId: string, since: Date) {
  const rows = await db.leadDelivery.groupBy({ by: ["status"], where: { sourceId, receivedAt: { gte: since } }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count])) as Partial<Record<LeadDeliveryStatus, number>>;
}

/** What became of a lead, in the words the integrations page shows. */
export function outcomeText(outcome: { status: LeadDeliveryStatus; reason?: string | null }): string {
  switch (outcome.status) {
    case "CREATED":
      return "New lead";
    case "ENQUIRED_AGAIN":
      return "Enquired again (already a lead)";
    case "DUPLICATE":
      return "The same lead again (ignored)";
    case "TEST":
      return "Test lead (no lead made)";
    case "SKIPPED":
      return `No lead made: ${outcome.reason ?? "no usable number"}`;
    case "FAILED":
      return `Failed: ${outcome.reason ?? "unknown error"}`;
    default:
      return outcome.status.toLowerCase();
  }
}

/** "11:22–11:52, 4 Dec" in India time. */
export function istSpan(from: Date, to: Date): string {
  const time = new Intl.DateTimeFormat("en-IN", { timeZone: "Asia/Kolkata", hour: "2-digit", minute: "2-digit", hour12: false });
  const day = new Intl.DateTimeFormat("en-IN", { timeZone: "Asia/Kolkata", day: "numeric", month: "short" });
  const sameDay = day.format(from) === day.format(to);
  return sameDay
    ? `${time.format(from)}–${time.format(to)}, ${day.format(to)}`
    : `${day.format(from)} ${time.format(from)} – ${day.format(to)} ${time.format(to)}`;
}
