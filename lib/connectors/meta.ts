// Meta Lead Ads: Meta verifies our callback with a GET handshake, then POSTs signed notifications
// carrying lead ids only. Each notification is checked over its raw bytes and stored first; each
// lead in it becomes a delivery of its own (deduped on leadgen_id: Meta retries for ~36 hours),
// whose answers a job reads from the Graph API with the Page token (retried on token errors,
// throttling and outages). A backfill reads every form's leads since the last sync, so a lead whose
// notification never came is still made.
import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { processDelivery } from "../intake/sources";
import { enqueue, JOBS } from "../jobs/queue";
import { logger } from "../log";
import { istSpan, outcomeText, sameSecret, sha256, storeConnectorLead, storeRefused } from "./deliveries";
import { GraphError, graphGet } from "./graph";
import { type GraphForm, type GraphLead, LEAD_FIELDS, leadgenChanges, metaLeadPayload, validMetaSignature } from "./meta-protocol";
import { connectorSecrets, connectorSource, integrationRow, recordHealth, updateState } from "./settings";

export const MAX_NOTIFICATION_BYTES = 256 * 1024;

/** The subscription handshake: the challenge echoed when the verify token matches (constant time), else 403. */
export async function verifySubscription(params: URLSearchParams): Promise<string> {
  const { verifyToken } = await connectorSecrets("META");
  const given = params.get("hub.verify_token") ?? "";
  const challenge = params.get("hub.challenge");
  const matches = !!verifyToken && sameSecret(given, verifyToken);
  if (params.get("hub.mode") !== "subscribe" || !matches || !challenge)
    throw new AppError("FORBIDDEN", "The verify token does not match", {
      fields: { "hub.verify_token": "does not match META_VERIFY_TOKEN" },
    });
  await recordHealth("META", { ok: true, result: "Meta verified the callback URL" });
  return challenge;
}

/** A notification: verified over its raw bytes, stored, split into its leads, each fetched by a job. */
export async function receiveNotification({
  raw,
  signature,
  contentType,
}: {
  raw: Buffer;
  signature: string | null;
  contentType: string | null;
}) {
  const source = await connectorSource("META");
  const { appSecret } = await connectorSecrets("META");
  if (!appSecret) {
    await storeRefused({
      sourceId: source.id,
      raw,
      contentType,
      reason: "Meta Lead Ads is not set up: no app secret to check the signature",
    });
    // 503: Meta retries for ~36 hours, time to set the secret.
    throw new AppError("UNAVAILABLE", "Meta Lead Ads is not set up yet (META_APP_SECRET)", { fields: { META_APP_SECRET: "is not set" } });
  }
  if (!validMetaSignature(appSecret, raw, signature)) {
    await storeRefused({
      sourceId: source.id,
      raw,
      contentType,
      reason: signature ? "the signature does not match the body" : "no X-Hub-Signature-256 header",
    });
    throw new AppError("FORBIDDEN", "The signature does not match the body", {
      fields: { "x-hub-signature-256": "does not match the body" },
    });
  }
  const text = raw.toString("utf8");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const changes = leadgenChanges(body);
  const envelope = await db.leadDelivery.create({
    data: {
      sourceId: source.id,
      contentType: contentType?.slice(0, 200) ?? null,
      body: text.replaceAll("\u0000", "\uFFFD"),
      payload: body && typeof body === "object" ? (body as Prisma.InputJsonObject) : undefined,
      dedupeKey: `sha256:${sha256(raw)}`,
      status: changes.length ? "SPLIT" : "SKIPPED",
      reason: changes.length ? `${changes.length} lead${changes.length === 1 ? "" : "s"}` : "no leadgen change in the notification",
      processedAt: new Date(),
    },
    select: { id: true },
  });
  const leads: { deliveryId: string; leadgenId: string; status: string }[] = [];
  for (const change of changes) {
    const { delivery, earlier } = await storeConnectorLead(
      {
        sourceId: source.id,
        externalId: change.leadgen_id,
        body: JSON.stringify(change),
        payload: { ...change },
        reason: "waiting for its answers from Meta",
      },
      { onRepeat: "record" },
    );
    if (!delivery) continue;
    leads.push({ deliveryId: delivery.id, leadgenId: change.leadgen_id, status: earlier ? "DUPLICATE" : "RECEIVED" });
    // Fetched by the job queue (retried with back-off); without a queue (tests, scripts) right here.
    if (!earlier && !(await enqueue(JOBS.metaLead, { deliveryId: delivery.id })))
      await fetchLead(delivery.id).catch((error: unknown) =>
        logger.warn({ err: error, leadDeliveryId: delivery.id }, "meta lead not fetched yet"),
      );
  }
  return { notificationId: envelope.id, leads };
}

type MetaState = { forms?: Record<string, { name: string; questions?: GraphForm["questions"]; mapping?: Record<string, string> }> };

/** A form's name and questions, asked of Graph once and kept (the integrations page maps its answers). */
async function formOf(formId: string | undefined, token: string): Promise<GraphForm | null> {
  if (!formId) return null;
  const row = await integrationRow("META");
  const state = row.state as MetaState;
  const known = state.forms?.[formId];
  if (known) return { id: formId, ...known };
  try {
    const { json } = await graphGet<GraphForm>(formId, { fields: "id,name,status,questions" }, token);
    await rememberForms([json]);
    return json;
  } catch (error) {
    // The lead is read without its form's name; the next lead tries again.
    logger.warn({ err: error, formId }, "meta form not read");
    return null;
  }
}

async function rememberForms(forms: GraphForm[]) {
  await updateState<MetaState>("META", (state) => {
    const next = { ...state.forms };
    for (const f of forms) next[f.id] = { ...next[f.id], name: f.name, questions: f.questions };
    return { ...state, forms: next };
  });
}

/** The job: a stored lead's answers from Graph, then made a lead. Throws (the queue retries) while Meta cannot answer. */
export async function fetchLead(deliveryId: string) {
  const delivery = await db.leadDelivery.findUnique({ where: { id: deliveryId }, select: { status: true, payload: true, attempts: true } });
  if (!delivery || (delivery.status !== "RECEIVED" && delivery.status !== "FAILED")) return null;
  const leadgenId = (delivery.payload as { leadgen_id?: string } | null)?.leadgen_id;
  if (!leadgenId) return null;
  const { pageAccessToken } = await connectorSecrets("META");
  let formName: unknown = null;
  try {
    if (!pageAccessToken) throw new GraphError("no Page access token is set (META_PAGE_ACCESS_TOKEN)", "token", 0);
    const { json, text } = await graphGet<GraphLead>(leadgenId, { fields: LEAD_FIELDS }, pageAccessToken);
    const payload = metaLeadPayload(json, await formOf(json.form_id, pageAccessToken));
    formName = payload.form_name;
    await db.leadDelivery.update({
      where: { id: deliveryId },
      data: { body: text, payload: payload as Prisma.InputJsonObject, reason: null },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Meta refusing for good (no such lead: deleted, or another Page's) is not retried; the backfill still finds it if it exists.
    const final = error instanceof GraphError && error.kind === "refused";
    await db.leadDelivery.update({
      where: { id: deliveryId },
      data: final
        ? { status: "FAILED", reason: message.slice(0, 500), processedAt: new Date(), attempts: { increment: 1 } }
        : { reason: `Waiting for Meta: ${message}`.slice(0, 500), attempts: { increment: 1 } },
    });
    await recordHealth("META", { ok: false, error: message });
    if (final) return { status: "FAILED" as const, leadId: null, reason: message };
    throw error;
  }
  const outcome = await processDelivery(deliveryId);
  await recordHealth("META", {
    ok: true,
    result: `${outcomeText(outcome)}${formName ? ` from “${String(formName)}”` : ""}`,
    leadAt: new Date(),
  });
  return outcome;
}

const OVERLAP_MS = 15 * 60_000;
const FIRST_BACKFILL_MS = 2 * 86400_000;
const MAX_PAGES = 50;

/**
 * Every form's leads created since the last backfill (less an overlap): a lead never notified, or
 * whose fetch gave up, is made now; one already made is left alone. The cursor moves only when
 * every form was read through.
 */
export async function backfill({ now = new Date() } = {}) {
  const { pageAccessToken } = await connectorSecrets("META");
  if (!pageAccessToken) return { status: "not_set_up" as const };
  const source = await connectorSource("META");
  const row = await integrationRow("META");
  const since = new Date((row.cursor?.getTime() ?? now.getTime() - FIRST_BACKFILL_MS) - OVERLAP_MS);
  const counts = { forms: 0, found: 0, made: 0 };
  try {
    const forms = await pages<GraphForm>("me/leadgen_forms", { fields: "id,name,status,questions", limit: "100" }, pageAccessToken);
    await rememberForms(forms);
    const filtering = JSON.stringify([{ field: "time_created", operator: "GREATER_THAN", value: Math.floor(since.getTime() / 1000) }]);
    for (const form of forms) {
      counts.forms++;
      for (const lead of await pages<GraphLead>(`${form.id}/leads`, { fields: LEAD_FIELDS, filtering, limit: "100" }, pageAccessToken)) {
        counts.found++;
        if (await backfillOne(source.id, lead, form)) counts.made++;
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordHealth("META", { ok: false, error: `Backfill: ${message}` });
    return { status: "failed" as const, error: message, ...counts };
  }
  await db.integration.update({ where: { kind: "META" }, data: { cursor: now } });
  await recordHealth("META", {
    ok: true,
    result: `Checked ${counts.forms} forms for missed leads since ${istSpan(since, now)}: ${counts.made} new of ${counts.found}`,
    leadAt: counts.made ? now : null,
  });
  return { status: "done" as const, ...counts };
}

/** One listed lead: a new delivery, or the answers for one still waiting; false when it was made already. */
async function backfillOne(sourceId: string, lead: GraphLead, form: GraphForm): Promise<boolean> {
  const payload = metaLeadPayload({ ...lead, form_id: lead.form_id ?? form.id }, form);
  const waiting = await db.leadDelivery.findFirst({
    where: { sourceId, dedupeKey: `id:${lead.id}`, status: { in: ["RECEIVED", "FAILED"] } },
    select: { id: true },
  });
  if (waiting) {
    await db.leadDelivery.update({
      where: { id: waiting.id },
      data: { body: JSON.stringify(lead), payload: payload as Prisma.InputJsonObject, reason: null },
    });
    const outcome = await processDelivery(waiting.id);
    return outcome.status === "CREATED";
  }
  const { delivery } = await storeConnectorLead(
    { sourceId, externalId: lead.id, body: JSON.stringify(lead), payload },
    { onRepeat: "skip" },
  );
  if (!delivery) return false;
  return (await processDelivery(delivery.id)).status === "CREATED";
}

/** All pages of a Graph list (following paging.cursors.after). */
async function pages<T>(path: string, params: Record<string, string>, token: string): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { json } = await graphGet<{ data: T[]; paging?: { cursors?: { after?: string }; next?: string } }>(
      path,
      after ? { ...params, after } : params,
      token,
    );
    out.push(...(json.data ?? []));
    after = json.paging?.next ? json.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return out;
}
