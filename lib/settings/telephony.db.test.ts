import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLead, makeUser, uniquePhone } from "@/scripts/test/factories";
import { send } from "@/scripts/test/webhook";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { resetSmartfloClient } from "../smartflo";
import { reconcileRange } from "../smartflo/reconcile";
import { SmartfloSimulator } from "../smartflo/simulator/server";
import { createUser, listUsersForAdmin, updateUser } from "../users/admin";
import { createUserSchema } from "../users/schemas";
import { linkWebhookEvent, listWebhookEvents } from "../webhooks/deliveries";
import { checkConnection, telephonyStatus } from "./telephony";

let sim: SmartfloSimulator;
const saved = { ...env };

beforeAll(async () => {
  sim = new SmartfloSimulator({ port: 0, timeScale: 0.005, webhookUrl: null, dropWebhooks: true });
  env.SMARTFLO_BASE_URL = `${await sim.start()}/v1`;
  env.SMARTFLO_API_TOKEN = "sim-token";
  resetSmartfloClient();
});
afterAll(async () => {
  await sim.stop();
  Object.assign(env, saved);
  resetSmartfloClient();
});

async function kind(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).kind;
}

describe("reconciliation", () => {
  it("recovers calls whose webhooks were dropped, and a second run adds nothing", async () => {
    const { user: agent } = await makeUser();
    const leads = await Promise.all([0, 1, 2].map(() => makeLead({ ownerId: agent.id })));
    const from = new Date(Date.now() - 60_000);
    sim.setScenario(leads[1]!.phone, { outcome: "no-answer", ringSeconds: 10 });
    for (const lead of leads)
      sim.startCall({
        direction: "clicktocall",
        agentNumber: agent.smartfloAgentNumber!,
        customerNumber: lead.phone.slice(3),
        refId: lead.id,
        customIdentifier: null,
      });
    await new Promise((r) => setTimeout(r, 600)); // all three calls end (time x0.005)
    expect(await db.call.count({ where: { leadId: { in: leads.map((l) => l.id) } } })).toBe(0);

    const pages: number[] = [];
    const first = await reconcileRange(from, new Date(Date.now() + 3600_000), (p) => void pages.push(p.processed));
    expect(first).toMatchObject({ created: 3, updated: 0, unmatched: 0 });
    const calls = await db.call.findMany({ where: { leadId: { in: leads.map((l) => l.id) } }, orderBy: { createdAt: "asc" } });
    expect(calls.map((c) => c.status).sort()).toEqual(["COMPLETED", "COMPLETED", "MISSED"]);
    expect(await db.activity.count({ where: { leadId: { in: leads.map((l) => l.id) }, type: "CALL" } })).toBe(3);

    const second = await reconcileRange(from, new Date(Date.now() + 3600_000));
    expect(second).toMatchObject({ created: 0, updated: 0 });
    expect(await db.call.count({ where: { leadId: { in: leads.map((l) => l.id) } } })).toBe(3);
  });
});

describe("admin only", () => {
  it("answers 404 to agents and managers on every telephony service", async () => {
    for (const role of ["AGENT", "MANAGER"] as const) {
      const { actor } = await makeUser({ role });
      expect(await kind(telephonyStatus({ actor }))).toBe("NOT_FOUND");
      expect(await kind(checkConnection({ actor }))).toBe("NOT_FOUND");
      expect(await kind(listWebhookEvents({ actor }))).toBe("NOT_FOUND");
      expect(await kind(listUsersForAdmin({ actor }))).toBe("NOT_FOUND");
    }
  });

  it("reports the connection and the setup guide with the tokenised webhook URL", async () => {
    const { actor } = await makeUser({ role: "ADMIN" });
    env.SMARTFLO_WEBHOOK_TOKEN = "a-long-webhook-token-123";
    const status = await telephonyStatus({ actor });
    expect(status.webhookUrl).toContain("token=a-long-webhook-token-123");
    expect(status.triggers.map((t) => t.name)).toContain("Call hangup (Missed or Answered)");
    expect(JSON.parse(status.triggers[0]!.body)).toMatchObject({ call_id: "$call_id", ref_id: "$ref_id" });
    env.SMARTFLO_WEBHOOK_TOKEN = undefined;
    await expect(checkConnection({ actor })).resolves.toMatchObject({ ok: true });
    env.SMARTFLO_API_TOKEN = "wrong-token";
    resetSmartfloClient();
    const bad = await checkConnection({ actor });
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/refused our credentials/);
    env.SMARTFLO_API_TOKEN = "sim-token";
    resetSmartfloClient();
  });
});

describe("unmatched inbox", () => {
  it("links an unmatched delivery to a lead, or creates one from its number", async () => {
    const { actor } = await makeUser({ role: "ADMIN" });
    const { user: agent } = await makeUser();
    const lead = await makeLead({ ownerId: agent.id });
    const number = uniquePhone().slice(-10);
    const res = await send({
      body: { call_id: `${Date.now()}.1`, call_status: "answered", direction: "outbound", duration: "40", customer_number: number },
    });
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: res.eventId! } })).status).toBe("UNMATCHED");
    const listed = await listWebhookEvents({ actor, status: "UNMATCHED" });
    expect(listed.items.some((e) => e.id === res.eventId)).toBe(true);
    await expect(linkWebhookEvent({ actor, id: res.eventId!, leadId: lead.id })).resolves.toMatchObject({
      status: "PROCESSED",
      leadId: lead.id,
    });
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("CONTACTED");

    const res2 = await send({
      body: { call_id: `${Date.now()}.2`, call_status: "missed", direction: "outbound", customer_number: number.replace(/^7/, "8") },
    });
    const created = await linkWebhookEvent({ actor, id: res2.eventId!, newLeadName: "Walk-in caller" });
    expect((await db.lead.findUniqueOrThrow({ where: { id: created.leadId! } })).name).toBe("Walk-in caller");
    expect(await kind(linkWebhookEvent({ actor, id: res2.eventId!, leadId: lead.id }))).toBe("CONFLICT");
  });
});

describe("users", () => {
  it("creates users, sets agent numbers uniquely, and signs deactivated users out", async () => {
    const { actor } = await makeUser({ role: "ADMIN" });
    const number = `9${String(Date.now()).slice(-9)}`;
    const created = await createUser({
      actor,
      input: createUserSchema.parse({
        name: "New Agent",
        email: `New-${Date.now()}@Test.local`,
        password: "long-enough-1",
        role: "AGENT",
        smartfloAgentNumber: number,
      }),
    });
    expect(created.email).toBe(created.email.toLowerCase());
    const { user: other } = await makeUser();
    expect(await kind(updateUser({ actor, id: other.id, patch: { smartfloAgentNumber: number } }))).toBe("CONFLICT");
    await db.session.create({
      data: { id: `s-${Date.now()}`, token: `t-${Date.now()}`, userId: other.id, expiresAt: new Date(Date.now() + 3600_000) },
    });
    await updateUser({ actor, id: other.id, patch: { active: false } });
    expect(await db.session.count({ where: { userId: other.id } })).toBe(0);
    expect(await kind(updateUser({ actor, id: actor.id, patch: { active: false } }))).toBe("VALIDATION");
  });
});

describe("the nightly reconciliation on the telephony page", () => {
  it("shows the newest run nobody started by hand", async () => {
    const { actor } = await makeUser({ role: "ADMIN" });
    const before = (await telephonyStatus({ actor })).nightlySync;
    const run = await db.reconcileRun.create({
      data: { fromDate: new Date(Date.now() - 86_400_000), toDate: new Date(), actorId: null, status: "DONE", processed: 7, created: 2 },
    });
    await db.reconcileRun.create({ data: { fromDate: new Date(), toDate: new Date(), actorId: actor.id } });
    const status = await telephonyStatus({ actor });
    expect(before?.ranAt ?? null).not.toBe(run.createdAt.toISOString());
    expect(status.nightlySync).toMatchObject({ status: "DONE", processed: 7, created: 2, ranAt: run.createdAt.toISOString() });
  });
});
