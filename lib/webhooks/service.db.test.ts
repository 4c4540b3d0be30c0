import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import * as replayRoute from "@/app/api/v1/webhook-events/[id]/replay/route";
import { makeLead, makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import { db } from "../db";
import { env } from "../env";
import { hangupTemplate } from "../smartflo/__fixtures__/deliveries";
import { send } from "@/scripts/test/webhook";

async function setup() {
  const { user: agent } = await makeUser();
  const lead = await makeLead({ ownerId: agent.id });
  const callId = `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e6)}`;
  const vars = { leadId: lead.id, phone10: lead.phone.slice(-10), callId, uuid: randomUUID(), agentNumber: agent.smartfloAgentNumber! };
  return { agent, lead, vars };
}

describe("webhook token", () => {
  afterEach(() => {
    env.SMARTFLO_WEBHOOK_TOKEN = undefined;
  });

  it("rejects a missing or wrong token with 401, records the attempt without its body, and accepts the right one", async () => {
    env.SMARTFLO_WEBHOOK_TOKEN = "s3cret-token-0123456789";
    const { lead, vars } = await setup();
    const delivery = { body: hangupTemplate() };
    const missing = await send(delivery, vars);
    expect(missing.status).toBe(401);
    const rejected = await db.webhookEvent.findUniqueOrThrow({ where: { id: (await db.webhookEvent.findFirstOrThrow({ orderBy: { receivedAt: "desc" } })).id } });
    expect(rejected.status).toBe("REJECTED");
    expect(rejected.body).toBeNull();
    const wrong = await send(delivery, vars, { token: "s3cret-token-0123456780" });
    expect(wrong.status).toBe(401);
    expect(await db.call.count({ where: { leadId: lead.id } })).toBe(0);
    const ok = await send(delivery, vars, { token: "s3cret-token-0123456789" });
    expect(ok.status).toBe(200);
    const stored = await db.webhookEvent.findUniqueOrThrow({ where: { id: ok.json.id } });
    expect(stored.status).toBe("PROCESSED");
    expect(JSON.stringify(stored.query)).not.toContain("s3cret");
  });
});

describe("idempotency and concurrency", () => {
  it("gives one call and one activity for the same delivery ten times", async () => {
    const { lead, vars } = await setup();
    for (let i = 0; i < 10; i++) expect((await send({ body: hangupTemplate() }, vars)).status).toBe(200);
    const calls = await db.call.findMany({ where: { leadId: lead.id } });
    expect(calls).toHaveLength(1);
    expect(await db.activity.count({ where: { leadId: lead.id, type: "CALL" } })).toBe(1);
    expect(await db.activity.count({ where: { leadId: lead.id, type: "STATUS_CHANGE" } })).toBe(1);
    const events = await db.webhookEvent.groupBy({ by: ["status"], where: { callId: calls[0]!.id }, _count: true });
    expect(Object.fromEntries(events.map((e) => [e.status, e._count]))).toEqual({ PROCESSED: 1, DUPLICATE: 9 });
  });

  it("ends with exactly one call, in its final state, when a call's events arrive in parallel and shuffled", async () => {
    const { lead, vars } = await setup();
    const ringing = { body: { call_id: "{{callId}}", direction: "clicktocall", ref_id: "{{leadId}}", start_stamp: "2026-11-24 14:02:11", agent_number: "{{agentNumber}}" } };
    const answered = { body: { call_id: "{{callId}}", direction: "clicktocall", ref_id: "{{leadId}}", call_status: "Answered by customer", answer_stamp: "2026-11-24 14:02:31" } };
    const hangup = { body: hangupTemplate() };
    const deliveries = [hangup, ringing, answered, hangup, answered, ringing, hangup, answered];
    const results = await Promise.all(deliveries.map((d) => send(d, vars)));
    expect(results.map((r) => r.status)).toEqual(deliveries.map(() => 200));
    const calls = await db.call.findMany({ where: { leadId: lead.id } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ status: "COMPLETED", talkSeconds: 75, providerCallId: vars.callId });
    expect(await db.activity.count({ where: { leadId: lead.id, type: "CALL" } })).toBe(1);
    const failed = await db.webhookEvent.count({ where: { callId: calls[0]!.id, status: "FAILED" } });
    expect(failed).toBe(0);
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("CONTACTED");
  });
});

describe("replay", () => {
  it("lets an admin replay a failed event, idempotently; others get 404", async () => {
    const { lead, vars } = await setup();
    const res = await send({ body: hangupTemplate() }, vars);
    // Simulate a processing failure after storage (e.g. the database blinked mid-transaction).
    await db.activity.deleteMany({ where: { leadId: lead.id, type: "CALL" } });
    await db.call.deleteMany({ where: { leadId: lead.id } });
    await db.webhookEvent.update({ where: { id: res.json.id }, data: { status: "FAILED", error: "simulated" } });

    const { user: agentUser } = await makeUser();
    const agentCookie = await signIn(agentUser.email, TEST_PASSWORD);
    const denied = await call(replayRoute.POST, { path: "/x", cookie: agentCookie, params: { id: res.json.id } });
    expect(denied.status).toBe(404);

    const { user: admin } = await makeUser({ role: "ADMIN" });
    const cookie = await signIn(admin.email, TEST_PASSWORD);
    for (let i = 0; i < 2; i++) {
      const replay = await call(replayRoute.POST, { path: "/x", cookie, params: { id: res.json.id } });
      expect(replay.status).toBe(200);
      expect(replay.json.status).toBe("PROCESSED");
    }
    expect(await db.call.count({ where: { leadId: lead.id } })).toBe(1);
    expect(await db.activity.count({ where: { leadId: lead.id, type: "CALL" } })).toBe(1);
    const missing = await call(replayRoute.POST, { path: "/x", cookie, params: { id: "nope" } });
    expect(missing.status).toBe(404);
  });
});
