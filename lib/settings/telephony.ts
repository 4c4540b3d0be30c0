// Admin-only telephony set-up: configuration status, a live credential check, the generated setup
// guide, test deliveries through the real webhook path, the delivery log and the unmatched inbox.

import "server-only";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import type { WebhookEventStatus } from "../generated/prisma/enums";
import { smartflo, smartfloMode } from "../smartflo";
import { SmartfloError } from "../smartflo/errors";
import { classifyTrigger, TRIGGERS, type TriggerKey } from "../smartflo/triggers";
import { flattenPayload, normalizeWebhook } from "../smartflo/webhook-payload";

export const TEST_LEAD_PHONE = "+919999900000";

export function webhookUrl(origin = env.APP_URL): string {
  const url = new URL("/api/v1/smartflo/webhook", origin);
  if (env.SMARTFLO_WEBHOOK_TOKEN) url.searchParams.set("token", env.SMARTFLO_WEBHOOK_TOKEN);
  return url.toString();
}

export async function telephonyStatus({ actor }: { actor: Actor }) {
  assertRole(actor, ["ADMIN"]);
  const url = webhookUrl();
  const recent = await db.webhookEvent.findMany({
    where: { status: { in: ["PROCESSED", "DUPLICATE", "UNMATCHED", "FAILED"] } },
    orderBy: { receivedAt: "desc" },
    take: 500,
    select: { receivedAt: true, payload: true },
  });
  const lastByTrigger: Partial<Record<TriggerKey, string>> = {};
  for (const e of recent) {
    const key = classifyTrigger(normalizeWebhook(flattenPayload(e.payload)));
    lastByTrigger[key] ??= e.receivedAt.toISOString();
  }
  // The nightly reconciliation (lib/jobs): the newest run nobody started by hand.
  const nightly = await db.reconcileRun.findFirst({ where: { actorId: null }, orderBy: { createdAt: "desc" } });
  const counts = await db.webhookEvent.groupBy({
    by: ["status"],
    where: { receivedAt: { gte: new Date(Date.now() - 7 * 86400_000) } },
    _count: { _all: true },
  });
  return {
    mode: smartfloMode(),
    baseUrl: env.SMARTFLO_BASE_URL,
    auth: env.SMARTFLO_API_TOKEN ? "token" : env.SMARTFLO_EMAIL ? "login" : null,
    hangupPath: env.SMARTFLO_HANGUP_PATH,
    callerIdSet: Boolean(env.SMARTFLO_CALLER_ID),
    webhookTokenSet: Boolean(env.SMARTFLO_WEBHOOK_TOKEN),
    webhookUrl: url,
    triggers: TRIGGERS.map((t) => {
      const body = JSON.stringify(t.body, null, 2);
      const sample = JSON.stringify(samplePayload(t.key, "<LEAD_ID>"));
      return {
        ...t,
        method: "POST",
        contentType: "application/json",
        body,
        lastReceivedAt: lastByTrigger[t.key] ?? null,
        curl: `curl -X POST '${url}' -H 'Content-Type: application/json' -d '${sample}'`,
      };
    }),
    last7Days: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<WebhookEventStatus, number>>,
    nightlySync: nightly
      ? {
          status: nightly.status,
          ranAt: nightly.createdAt.toISOString(),
          fromDate: nightly.fromDate.toISOString(),
          toDate: nightly.toDate.toISOString(),
          processed: nightly.processed,
          created: nightly.created,
          updated: nightly.updated,
          unmatched: nightly.unmatched,
          error: nightly.error,
        }
      : null,
  };
}

export async function checkConnection({ actor }: { actor: Actor }) {
  assertRole(actor, ["ADMIN"]);
  const started = Date.now();
  try {
    const agents = await smartflo().users();
    return {
      ok: true as const,
      message: `Connected: Smartflo lists ${agents.length} agent${agents.length === 1 ? "" : "s"}`,
      ms: Date.now() - started,
    };
  } catch (error) {
    const message = error instanceof SmartfloError ? error.message : "Unexpected error while checking Smartflo";
    return { ok: false as const, message, ms: Date.now() - started };
  }
}

export function samplePayload(trigger: TriggerKey, refId: string): Record<string, string> {
  const callId = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  const common = {
    call_id: callId,
    uuid: crypto.randomUUID(),
    direction: "clicktocall",
    ref_id: refId,
    customer_no_with_prefix: TEST_LEAD_PHONE.slice(1),
  };
  const now = new Date(Date.now() + 330 * 60_000).toISOString().replace("T", " ").slice(0, 19);
  switch (trigger) {
    case "hangup":
      return {
        ...common,
        call_status: "answered",
        start_stamp: now,
        answer_stamp: now,
        end_stamp: now,
        billsec: "12",
        duration: "20",
        hangup_cause: "NORMAL_CLEARING",
        recording_url: "$recording_url",
      };
    case "answered_by_customer":
      return { ...common, call_status: "Answered by customer", answer_stamp: now };
    case "answered_by_agent":
      return { ...common, call_status: "Answered by agent", start_stamp: now };
    case "received_on_server": {
      const { customer_no_with_prefix, ...ids } = common;
      return {
        ...ids,
        direction: "inbound",
        ref_id: "",
        call_status: "Received",
        start_stamp: now,
        caller_id_number: customer_no_with_prefix,
      };
    }
    default:
      return { ...common, start_stamp: now };
  }
}

async function testLead() {
  const existing = await db.lead.findUnique({ where: { phone: TEST_LEAD_PHONE } });
  // Made before test leads were marked: marked now.
  if (existing) return existing.isTest ? existing : db.lead.update({ where: { id: existing.id }, data: { isTest: true } });
  try {
    return await db.lead.create({
      data: {
        name: "Smartflo webhook test",
        phone: TEST_LEAD_PHONE,
        phoneLast10: TEST_LEAD_PHONE.slice(-10),
        source: "Webhook test",
        status: "LOST",
        isTest: true,
      },
    });
  } catch {
    return db.lead.findUniqueOrThrow({ where: { phone: TEST_LEAD_PHONE } });
  }
}

/** Posts a sample delivery to our own webhook URL over HTTP, the way Smartflo would. */
export async function sendTestDelivery({ actor, origin, trigger }: { actor: Actor; origin: string; trigger: TriggerKey }) {
  assertRole(actor, ["ADMIN"]);
  const lead = await testLead();
  const response = await fetch(webhookUrl(origin), {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": "Smartflo-CRM-test-delivery" },
    body: JSON.stringify(samplePayload(trigger, lead.id)),
    signal: AbortSignal.timeout(10_000),
  }).catch((error: unknown) => {
    throw new AppError("UPSTREAM", `Could not reach our own webhook URL (${(error as Error).message})`);
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  const deliveryId = response.headers.get("x-delivery-id");
  const event = deliveryId
    ? await db.webhookEvent.findUnique({
        where: { id: deliveryId },
        select: { id: true, status: true, error: true, callId: true, leadId: true },
      })
    : null;
  return { httpStatus: response.status, message: body.error?.message ?? null, event, leadId: lead.id };
}
