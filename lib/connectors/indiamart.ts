// IndiaMART: a scheduled pull of the CRM listing API in windows that overlap (the cursor is the
// last window's end, kept in the database, so a restart resumes where it stopped), deduped on
// UNIQUE_QUERY_ID. One pull at a time across app servers: a pull first claims the next slot
// (integration.notBefore, one UPDATE), so IndiaMART's minimum interval holds however many servers
// run the job. Errors and throttling back off. The key travels in the URL: that URL is never logged.
import "server-only";
import { db } from "../db";
import { env } from "../env";
import type { Prisma } from "../generated/prisma/client";
import { processDelivery } from "../intake/sources";
import { istSpan, storeConnectorLead } from "./deliveries";
import { type IndiamartAnswer, indiamartPayload, parseQueryTime, windowStamp } from "./indiamart-protocol";
import { connectorSecrets, connectorSource, integrationRow, recordHealth } from "./settings";

/** How far each window reaches back before the last one's end: late records and clock skew are caught, repeats deduped. */
export const OVERLAP_MS = 30 * 60_000;
/** IndiaMART answers at most 7 days per window: a longer gap is caught up window by window. */
export const MAX_WINDOW_MS = 7 * 86400_000;
/** Where the very first pull starts. */
const FIRST_PULL_MS = 86400_000;
const TIMEOUT_MS = 20_000;

type PullState = { failures?: number };

export type PullResult =
  | { status: "not_set_up" }
  | { status: "waiting"; nextAt: Date | null }
  | { status: "done"; from: Date; to: Date; received: number; made: number; repeats: number }
  | { status: "failed"; error: string; retryAt: Date };

/**
 * One pull, if this server wins the slot: the window [cursor − overlap, now] (at most 7 days), each
 * new enquiry stored and made a lead. The cursor moves only after every record is stored.
 */
export async function pull({ now = new Date() }: { now?: Date } = {}): Promise<PullResult> {
  const { crmKey } = await connectorSecrets("INDIAMART");
  if (!crmKey) return { status: "not_set_up" };
  await integrationRow("INDIAMART");
  const intervalMs = env.INDIAMART_PULL_INTERVAL_SECONDS * 1000;
  // The claim: only one server gets the slot, and not before IndiaMART allows the next call.
  const claimed = await db.$queryRaw<{ cursor: Date | null; state: PullState; enabled: boolean }[]>`
    UPDATE integration SET "notBefore" = ${new Date(now.getTime() + intervalMs)}, "updatedAt" = (clock_timestamp() AT TIME ZONE 'UTC')
    WHERE kind = 'INDIAMART' AND enabled AND ("notBefore" IS NULL OR "notBefore" <= ${now})
    RETURNING cursor, state, enabled`;
  const slot = claimed[0];
  if (!slot) {
    const row = await db.integration.findUnique({ where: { kind: "INDIAMART" }, select: { notBefore: true } });
    return { status: "waiting", nextAt: row?.notBefore ?? null };
  }
  const from = new Date((slot.cursor?.getTime() ?? now.getTime() - FIRST_PULL_MS) - OVERLAP_MS);
  const to = new Date(Math.min(now.getTime(), from.getTime() + MAX_WINDOW_MS));
  let answer: IndiamartAnswer;
  try {
    answer = await request(crmKey, from, to);
    if (answer.CODE !== 200 && answer.CODE !== 204) throw new Error(describe(answer));
  } catch (error) {
    return backOff(slot.state, now, intervalMs, error instanceof Error ? error.message : String(error));
  }
  const source = await connectorSource("INDIAMART");
  let made = 0;
  let repeats = 0;
  const records = answer.CODE === 200 ? (answer.RESPONSE ?? []) : [];
  for (const record of records) {
    if (!record?.UNIQUE_QUERY_ID) continue;
    const { delivery } = await storeConnectorLead(
      { sourceId: source.id, externalId: String(record.UNIQUE_QUERY_ID), body: JSON.stringify(record), payload: indiamartPayload(record) },
      { onRepeat: "skip" },
    );
    if (!delivery) {
      repeats++;
      continue;
    }
    if ((await processDelivery(delivery.id)).status === "CREATED") made++;
  }
  await db.integration.update({
    where: { kind: "INDIAMART" },
    data: { cursor: to, state: { ...slot.state, failures: 0 } as Prisma.InputJsonObject },
  });
  const newest = records.map((r) => parseQueryTime(r.QUERY_TIME)?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
  await recordHealth("INDIAMART", {
    ok: true,
    result: `Pulled the enquiries of ${istSpan(from, to)}: ${records.length - repeats} new, ${repeats} already here`,
    leadAt: records.length - repeats > 0 ? (newest ? new Date(newest) : now) : null,
  });
  return { status: "done", from, to, received: records.length - repeats, made, repeats };
}

/** IndiaMART's answer: CODE 200 with records, 204 none, else an error (429 throttled, 401 a bad key…). */
async function request(key: string, from: Date, to: Date): Promise<IndiamartAnswer> {
  const url = new URL(env.INDIAMART_URL);
  url.searchParams.set("glusr_crm_key", key);
  url.searchParams.set("start_time", windowStamp(from));
  url.searchParams.set("end_time", windowStamp(to));
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    // Never the URL: it carries the key.
    throw new Error(`IndiaMART did not answer (${(error as Error).name === "TimeoutError" ? "timed out" : "unreachable"})`);
  }
  const text = await response.text();
  try {
    const json = JSON.parse(text) as IndiamartAnswer;
    if (typeof json.CODE !== "number") throw new Error("no CODE");
    return json;
  } catch {
    return {
      CODE: response.status === 200 ? 500 : response.status,
      STATUS: "FAILURE",
      MESSAGE: `HTTP ${response.status}, not IndiaMART's JSON`,
    };
  }
}

function describe(answer: IndiamartAnswer): string {
  const what =
    answer.CODE === 429
      ? "IndiaMART says we pulled too often"
      : answer.CODE === 401 || answer.CODE === 403
        ? "IndiaMART refused the CRM key (generate a new one in Lead Manager → CRM API)"
        : `IndiaMART answered ${answer.CODE}`;
  return `${what}${answer.MESSAGE ? `: ${answer.MESSAGE}` : ""}`.slice(0, 400);
}

/** After an error the next pull waits longer each time: the interval × 2, 4, 8, 16 (at most). */
async function backOff(state: PullState, now: Date, intervalMs: number, error: string): Promise<PullResult> {
  const failures = (state.failures ?? 0) + 1;
  const retryAt = new Date(now.getTime() + intervalMs * 2 ** Math.min(failures, 4));
  await db.integration.update({
    where: { kind: "INDIAMART" },
    data: { notBefore: retryAt, state: { ...state, failures } as Prisma.InputJsonObject },
  });
  await recordHealth("INDIAMART", { ok: false, error });
  return { status: "failed", error, retryAt };
}
