// Smartflo webhook ingestion: every delivery is stored raw first, then processed; nothing is dropped.
import "server-only";
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { CONTACTED_MIN_TALK_SECONDS, eventJson } from "../calls/apply-event";
import { database, db } from "../db";
import { env } from "../env";
import type { Prisma } from "../generated/prisma/client";
import { clientAddress } from "../http/client-address";
import { hit, type RateRule } from "../http/rate-limit";
import { logger } from "../log";
import { flattenPayload, normalizeWebhook } from "../smartflo/webhook-payload";
import { attributeNewCaller } from "../telephony/number-sources";
import { jsonForPostgres, parseDelivery, sanitizeForPostgres } from "./parse-delivery";
import { type DeliveryColumns, type ProcessOutcome, processNewDelivery } from "./process";

export const MAX_WEBHOOK_BYTES = 256 * 1024;
const KEPT_HEADERS = ["content-type", "content-length", "user-agent", "x-forwarded-for", "x-real-ip", "x-request-id"];

export interface Delivery {
  method: string;
  url: URL;
  headers: Headers;
  /** The body as text, or null when it was refused before reading. */
  body: string | null;
  bodyBytes: number;
}

export interface IngestResult {
  httpStatus: number;
  body: Record<string, unknown>;
  /** The stored delivery (null when a rate-limited attempt was not stored). */
  eventId: string | null;
  headers?: Record<string, string>;
  /** What became of it (never sent to the caller; logged). */
  outcome?: ProcessOutcome;
}

/**
 * Refused attempts (wrong token, unreadable, too large) per client address and minute: past this,
 * they are answered 429 and no longer stored. Accepted deliveries are never counted.
 */
export const REJECTED_LIMIT: RateRule = { limit: 30, windowSeconds: 60 };

export function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  // Compare digests: constant time and independent of the lengths.
  const a = createHash("sha256").update(expected).digest();
  const b = createHash("sha256").update(given).digest();
  return timingSafeEqual(a, b);
}

function queryWithoutToken(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k !== "token") out[k] = v.slice(0, 2048);
  return out;
}

function keptHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const v = headers.get(name);
    if (v) out[name] = v.slice(0, 512);
  }
  return out;
}

function dedupeKeyOf(payload: Record<string, string>): string | null {
  const keys = Object.keys(payload).sort();
  if (keys.length === 0) return null;
  return createHash("sha256")
    .update(JSON.stringify(keys.map((k) => [k, payload[k]])))
    .digest("hex");
}

/** What every stored delivery keeps of the request (the token left out of the query). */
function requestColumns(delivery: Delivery) {
  return {
    method: delivery.method.slice(0, 10),
    contentType: delivery.headers.get("content-type")?.slice(0, 200) ?? null,
    headers: keptHeaders(delivery.headers),
    query: queryWithoutToken(delivery.url),
  };
}

/**
 * A refused attempt keeps what it was (method, a few headers, why) and only a digest and the size
 * of its body: nothing a forger sent is stored, and past REJECTED_LIMIT per address, not even that.
 */
async function reject(
  delivery: Delivery,
  httpStatus: number,
  error: string,
  body: Record<string, unknown>,
  { keepBody = false }: { keepBody?: boolean } = {},
): Promise<IngestResult> {
  const limited = await hit(`webhook-rejected:${clientAddress(delivery.headers)}`, REJECTED_LIMIT);
  if (limited.exceeded) {
    return {
      httpStatus: 429,
      eventId: null,
      headers: { "Retry-After": String(limited.retryAfter) },
      body: {
        error: { code: "RATE_LIMITED", message: "Too many refused webhook attempts from this address", retryAfter: limited.retryAfter },
      },
    };
  }
  const { method, contentType, headers } = requestColumns(delivery);
  const ev = await db.webhookEvent.create({
    data: sanitizeForPostgres({
      method,
      contentType,
      headers,
      query: keepBody ? queryWithoutToken(delivery.url) : {},
      body: keepBody ? delivery.body : null,
      bodySha256: delivery.body === null ? null : createHash("sha256").update(delivery.body).digest("hex"),
      bodyBytes: delivery.bodyBytes,
      status: "REJECTED" as const,
      error,
    }),
    select: { id: true },
  });
  return { httpStatus, eventId: ev.id, body };
}

/** Stores the delivery, then processes it. Storage failures throw (the caller answers 5xx so Smartflo retries). */
export async function ingestWebhook(delivery: Delivery): Promise<IngestResult> {
  const expected = env.SMARTFLO_WEBHOOK_TOKEN;
  if (expected && !tokenMatches(expected, delivery.url.searchParams.get("token"))) {
    return reject(delivery, 401, "missing or wrong ?token=", {
      error: { code: "UNAUTHORIZED", message: "Missing or wrong webhook token (?token=)" },
    });
  }
  if (delivery.body === null || delivery.bodyBytes > MAX_WEBHOOK_BYTES) {
    return reject(delivery, 413, `body of ${delivery.bodyBytes} bytes is over the ${MAX_WEBHOOK_BYTES}-byte limit`, {
      error: { code: "PAYLOAD_TOO_LARGE", message: `Body is larger than ${MAX_WEBHOOK_BYTES} bytes` },
    });
  }
  const parsed = parseDelivery({
    method: delivery.method,
    contentType: delivery.headers.get("content-type"),
    body: delivery.body,
    query: delivery.url.searchParams,
  });
  if (!parsed.ok) {
    // It carried our token: kept as it came (raw body and query) and marked unreadable, for someone to look at.
    const message = `Cannot read this delivery: ${parsed.error}`;
    return reject(
      delivery,
      400,
      `unreadable: ${parsed.error}`,
      { error: { code: "BAD_REQUEST", message, fields: { body: parsed.error } } },
      {
        keepBody: true,
      },
    );
  }
  // Flattened and normalised once; the row written once, with its outcome.
  const flat = flattenPayload(parsed.payload);
  const event = Object.keys(flat).length > 0 ? normalizeWebhook(flat) : null;
  const id = randomUUID();
  // The stored columns by name; crm_ingest_webhook inserts them with the table's own column list.
  // Typed against Prisma's create input: a key that is no column would be dropped by jsonb_populate_record unseen.
  const columns = {
    id,
    ...requestColumns(delivery),
    body: delivery.body,
    payload: parsed.payload as Prisma.InputJsonObject,
    dedupeKey: dedupeKeyOf(flat),
  } satisfies DeliveryColumns;
  // One statement when its call_id names a call we know (most deliveries): stored and processed
  // (crm_ingest_webhook), sent straight to the driver (lib/db/client.ts query). Otherwise the general
  // path stores it with its outcome. A failure to store throws: the caller answers 5xx and Smartflo retries.
  let outcome: ProcessOutcome;
  if (event?.callId) {
    const [row] = await database().query<{ result: ProcessOutcome | { status: "RECEIVED" } }>(
      "SELECT crm_ingest_webhook($1::jsonb, $2::jsonb, $3::int) AS result",
      [jsonForPostgres(columns), eventJson(event), CONTACTED_MIN_TALK_SECONDS],
      { prepare: true },
    );
    outcome = row!.result as ProcessOutcome;
    if (outcome.status === "RECEIVED") outcome = await processNewDelivery(sanitizeForPostgres(columns), event);
    else {
      outcome.matchedBy = "call_id";
      // An inbound caller's lead made by an earlier delivery that did not say which number they dialled.
      // The delivery is stored and applied already: a failure here is logged, not answered 5xx (Smartflo's retry would be a duplicate).
      if (outcome.status === "PROCESSED" && outcome.leadId && outcome.callId && event.direction === "INBOUND" && event.dialledNumber)
        await attributeNewCaller(db, { leadId: outcome.leadId, callId: outcome.callId, dialledNumber: event.dialledNumber }).catch(
          (error: unknown) => logger.error({ err: error, webhookEventId: id }, "attributing an inbound caller's lead failed"),
        );
    }
  } else {
    outcome = await processNewDelivery(sanitizeForPostgres(columns), event);
  }
  // The caller learns only that the delivery was accepted (and a receipt to quote), never our ids.
  return { httpStatus: 200, eventId: id, body: { ok: true }, headers: { "X-Delivery-Id": id }, outcome };
}
