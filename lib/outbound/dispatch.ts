// Sends outgoing webhook deliveries (written by the outbox triggers): due ones are claimed with
// SKIP LOCKED (any number of app servers share the work; a claim is a two-minute lease, so a
// server that dies mid-send leaves them to the next), POSTed through the SSRF-safe fetch, signed
// per Standard Webhooks, and their answers recorded.
//
// Failing endpoints are not hammered: a failure pauses the endpoint (5 s, 10 s, 20 s, 30 s … up to
// 10 min) and what was claimed for it but not yet sent goes back untouched; after the pause one
// delivery probes it, and the first success lets the backlog flow again. A delivery is retried
// with exponential back-off (5 s … 8 h) and given up (FAILED) when it still fails 24 hours after
// its event; an endpoint that has failed for 24 hours without a single success is turned off and
// admins are told why. Nothing is deleted: a given-up delivery can be replayed.
import "server-only";
import { db } from "../db";
import { SafeFetchError, safeFetch } from "../http/safe-fetch";
import { logger } from "../log";
import { unseal } from "./secret-box";
import { signatureHeaders } from "./sign";
import { endpointVerdict } from "./url-policy";

/** A delivery's next try after its n-th failure (seconds); the last repeats. */
export const RETRY_SCHEDULE_S = [5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800];
/** How long a failing endpoint rests after its n-th failure in a row (seconds). */
export const PAUSE_SCHEDULE_S = [5, 10, 20, 30, 60, 120, 300, 600];
export const GIVE_UP_AFTER_MS = 24 * 3600_000;
export const DISABLE_AFTER_MS = 24 * 3600_000;
const LEASE = "2 minutes";
const TIMEOUT_MS = 10_000;
const RESPONSE_KEPT = 1000;

interface Claimed {
  id: string;
  endpointId: string;
  eventId: string;
  attempts: number;
  createdAt: Date;
  payload: unknown;
  url: string;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretUntil: Date | null;
  consecutiveFailures: number;
}

export interface TryResult {
  id: string;
  ok: boolean;
  status: number | null;
  error: string | null;
  response: string | null;
  ms: number;
}

const at = (list: number[], n: number) => list[Math.min(Math.max(n, 0), list.length - 1)]!;

/** Claims up to `limit` due deliveries (or the named ones, whatever their time) for this process. */
async function claim({ limit, ids }: { limit: number; ids?: string[] }): Promise<Claimed[]> {
  const named = ids ?? null;
  return db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d."endpointId"
      WHERE ${named}::text[] IS NOT NULL AND d.id = ANY (${named}::text[])
         OR ${named}::text[] IS NULL AND d.status = 'PENDING' AND d."nextAttemptAt" <= now() AT TIME ZONE 'UTC' AND e.enabled
            AND (e."pausedUntil" IS NULL OR e."pausedUntil" <= now() AT TIME ZONE 'UTC')
      ORDER BY d."nextAttemptAt", d."createdAt"
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_delivery d SET "nextAttemptAt" = (now() AT TIME ZONE 'UTC') + ${LEASE}::interval
    FROM due, webhook_endpoint e, outbox_event o
    WHERE d.id = due.id AND e.id = d."endpointId" AND o.id = d."eventId"
    RETURNING d.id, d."endpointId", d."eventId", d.attempts, d."createdAt", o.payload, e.url, e."secretSealed",
      e."previousSecretSealed", e."previousSecretUntil", e."consecutiveFailures"`;
}

/** The secrets that sign a try: the current one, and the previous one while it is honoured. */
function secretsOf(d: Claimed, now: Date): string[] {
  const secrets = [unseal(d.secretSealed)];
  if (d.previousSecretSealed && d.previousSecretUntil && d.previousSecretUntil > now) secrets.push(unseal(d.previousSecretSealed));
  return secrets;
}

async function readStart(stream: NodeJS.ReadableStream & { destroy(): void }): Promise<string> {
  let text = "";
  for await (const chunk of stream) {
    text += chunk.toString();
    if (text.length >= RESPONSE_KEPT) break;
  }
  stream.destroy();
  return text.slice(0, RESPONSE_KEPT);
}

/** One try of one delivery. Never throws: every outcome is a result. */
export async function send(d: Claimed): Promise<TryResult> {
  const started = Date.now();
  const body = JSON.stringify(d.payload);
  try {
    const { response } = await safeFetch(d.url, {
      method: "POST",
      body,
      timeoutMs: TIMEOUT_MS,
      originPolicy: endpointVerdict,
      headersFor: () => ({
        "content-type": "application/json",
        "user-agent": "SmartfloCRM-Webhooks/1",
        "content-length": Buffer.byteLength(body).toString(),
        ...signatureHeaders({ id: d.eventId, timestamp: new Date(), body }, secretsOf(d, new Date())),
      }),
    });
    const status = response.statusCode ?? 0;
    const text = await readStart(response).catch(() => "");
    const ok = status >= 200 && status < 300;
    return { id: d.id, ok, status, error: ok ? null : `answered HTTP ${status}`, response: text || null, ms: Date.now() - started };
  } catch (error) {
    const message = error instanceof SafeFetchError ? error.message : error instanceof Error ? error.message : String(error);
    return { id: d.id, ok: false, status: null, error: message, response: null, ms: Date.now() - started };
  }
}

/** Records the tries' answers: delivered, retried later, or given up after 24 hours. */
async function record(claimed: Map<string, Claimed>, results: TryResult[], pauseUntil: Date | null): Promise<void> {
  if (results.length === 0) return;
  const now = Date.now();
  const rows = results.map((r) => {
    const d = claimed.get(r.id)!;
    const attempts = d.attempts + 1;
    const retryAt = new Date(Math.max(now + at(RETRY_SCHEDULE_S, attempts - 1) * 1000, pauseUntil?.getTime() ?? 0));
    const status = r.ok ? "DELIVERED" : now - d.createdAt.getTime() >= GIVE_UP_AFTER_MS ? "FAILED" : "PENDING";
    return {
      id: r.id,
      status,
      attempts,
      next: (r.ok ? new Date(now) : retryAt).toISOString(),
      code: r.status,
      error: r.error,
      response: r.response,
      ms: r.ms,
    };
  });
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await db.$executeRaw`
    UPDATE webhook_delivery d SET status = v.status::"WebhookDeliveryStatus", attempts = v.attempts, "nextAttemptAt" = v.next,
      "lastAttemptAt" = ${new Date(now)}, "lastStatus" = v.code, "lastError" = v.error, "lastResponse" = v.response,
      "lastDurationMs" = v.ms, "deliveredAt" = CASE WHEN v.status = 'DELIVERED' THEN ${new Date(now)}::timestamp END
    FROM unnest(${col("id")}::text[], ${col("status")}::text[], ${col("attempts")}::int[], ${col("next")}::timestamp[],
      ${col("code")}::int[], ${col("error")}::text[], ${col("response")}::text[], ${col("ms")}::int[])
      AS v(id, status, attempts, next, code, error, response, ms)
    WHERE d.id = v.id`;
}

/** What was claimed but not sent goes back, its tries untouched, due when the endpoint's pause ends. */
async function release(ids: string[], until: Date): Promise<void> {
  if (ids.length) await db.$executeRaw`UPDATE webhook_delivery SET "nextAttemptAt" = ${until} WHERE id = ANY (${ids}::text[])`;
}

/** The endpoint's health after a round of tries: any success resets it; only failures pause it. */
async function settleEndpoint(endpointId: string, results: TryResult[]): Promise<Date | null> {
  if (results.some((r) => r.ok)) {
    await db.webhookEndpoint.update({
      where: { id: endpointId },
      data: { consecutiveFailures: 0, failingSince: null, pausedUntil: null, lastSuccessAt: new Date() },
    });
    return null;
  }
  const now = new Date();
  const [row] = await db.$queryRaw<{ consecutiveFailures: number; failingSince: Date; pausedUntil: Date }[]>`
    UPDATE webhook_endpoint SET "consecutiveFailures" = "consecutiveFailures" + 1, "failingSince" = COALESCE("failingSince", ${now}),
      "pausedUntil" = ${now}::timestamp
        + make_interval(secs => (${PAUSE_SCHEDULE_S}::int[])[LEAST("consecutiveFailures" + 1, ${PAUSE_SCHEDULE_S.length})])
    WHERE id = ${endpointId}
    RETURNING "consecutiveFailures", "failingSince", "pausedUntil"`;
  if (!row) return null;
  if (now.getTime() - row.failingSince.getTime() >= DISABLE_AFTER_MS) {
    const last = results.at(-1)?.error ?? "no answer";
    await db.webhookEndpoint.update({
      where: { id: endpointId },
      data: { enabled: false, disabledAt: now, disabledReason: `Turned off: failing for 24 hours without a success (last: ${last})` },
    });
    logger.warn({ endpointId, last }, "outgoing webhook endpoint turned off after 24 hours of failures");
  }
  return row.pausedUntil;
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** One endpoint's share of a claim: a probe first when it has been failing, then the rest, stopping at a failure. */
async function sendGroup(group: Claimed[], concurrency: number): Promise<TryResult[]> {
  const claimed = new Map(group.map((d) => [d.id, d]));
  const results: TryResult[] = [];
  let failed = false;
  let queue = group;
  if (group[0]!.consecutiveFailures > 0) {
    const probe = await send(group[0]!);
    results.push(probe);
    failed = !probe.ok;
    queue = group.slice(1);
  }
  const unsent: string[] = [];
  await pool(queue, concurrency, async (d) => {
    if (failed) return void unsent.push(d.id);
    const result = await send(d);
    results.push(result);
    if (!result.ok) failed = true;
  });
  const pausedUntil = await settleEndpoint(group[0]!.endpointId, results);
  await record(claimed, results, pausedUntil);
  await release(unsent, pausedUntil ?? new Date());
  return results;
}

/** Claims and sends one batch of due deliveries; the results (empty: nothing was due). */
export async function dispatchDue({ limit = 200, concurrency = 16 }: { limit?: number; concurrency?: number } = {}): Promise<TryResult[]> {
  return sendClaimed(await claim({ limit }), concurrency);
}

/** Sends these deliveries now, whatever their schedule (a replay, a test event): their results. */
export async function dispatchNow(ids: string[]): Promise<TryResult[]> {
  return sendClaimed(await claim({ limit: ids.length, ids }), 4);
}

async function sendClaimed(claimed: Claimed[], concurrency: number): Promise<TryResult[]> {
  const groups = new Map<string, Claimed[]>();
  for (const d of claimed) groups.set(d.endpointId, [...(groups.get(d.endpointId) ?? []), d]);
  const all = await Promise.all([...groups.values()].map((g) => sendGroup(g, concurrency)));
  return all.flat();
}

/** The job: batches until nothing is due or `forMs` has passed. */
export async function drainOutbox({ forMs = 20_000 }: { forMs?: number } = {}): Promise<{ sent: number; delivered: number }> {
  const until = Date.now() + forMs;
  let sent = 0;
  let delivered = 0;
  while (Date.now() < until) {
    const results = await dispatchDue();
    if (results.length === 0) break;
    sent += results.length;
    delivered += results.filter((r) => r.ok).length;
  }
  return { sent, delivered };
}

/** The delivery log keeps this many days; older events whose deliveries all ended are deleted. */
export const OUTBOX_KEEP_DAYS = 14;

export async function pruneOutbox(): Promise<number> {
  return db.$executeRaw`
    DELETE FROM outbox_event o
    WHERE o."createdAt" < (now() AT TIME ZONE 'UTC') - make_interval(days => ${OUTBOX_KEEP_DAYS})
      AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d."eventId" = o.id AND d.status = 'PENDING')`;
}
