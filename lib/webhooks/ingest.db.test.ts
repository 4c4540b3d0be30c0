import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import * as replayRoute from "@/app/api/v1/webhook-events/[id]/replay/route";
import { makeLead, makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import { send } from "@/scripts/test/webhook";
import { db } from "../db";
import { env } from "../env";
import { hangupTemplate } from "../smartflo/__fixtures__/deliveries";
import { retryStalledWebhookEvents } from "./retry";

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
    const rejected = await db.webhookEvent.findUniqueOrThrow({
      where: { id: (await db.webhookEvent.findFirstOrThrow({ orderBy: { receivedAt: "desc" } })).id },
    });
    expect(rejected.status).toBe("REJECTED");
    expect(rejected.body).toBeNull();
    const wrong = await send(delivery, vars, { token: "s3cret-token-0123456780" });
    expect(wrong.status).toBe(401);
    expect(await db.call.count({ where: { leadId: lead.id } })).toBe(0);
    const ok = await send(delivery, vars, { token: "s3cret-token-0123456789" });
    expect(ok.status).toBe(200);
    const stored = await db.webhookEvent.findUniqueOrThrow({ where: { id: ok.eventId! } });
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
    const ringing = {
      body: {
        call_id: "{{callId}}",
        direction: "clicktocall",
        ref_id: "{{leadId}}",
        start_stamp: "2026-11-24 14:02:11",
        agent_number: "{{agentNumber}}",
      },
    };
    const answered = {
      body: {
        call_id: "{{callId}}",
        direction: "clicktocall",
        ref_id: "{{leadId}}",
        call_status: "Answered by customer",
        answer_stamp: "2026-11-24 14:02:31",
      },
    };
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

describe("the hot path (crm_ingest_webhook)", () => {
  const ingest = (id: string, ev: Record<string, unknown>, dedupeKey: string | null = randomUUID()) => {
    const delivery = { id, method: "POST", contentType: "application/json", headers: {}, query: {}, body: "{}", payload: {}, dedupeKey };
    return db.$queryRaw<{ r: { status: string; callId?: string; error?: string } }[]>`
      SELECT crm_ingest_webhook(${JSON.stringify(delivery)}::jsonb, ${JSON.stringify(ev)}::jsonb, 30) AS r`.then((rows) => rows[0]!.r);
  };

  it("stores each delivery once with its outcome: processed, duplicate, failed (undone, kept for the sweep) or general path", async () => {
    const { lead, vars } = await setup();
    const known = await db.call.create({
      data: { leadId: lead.id, direction: "OUTBOUND", status: "RINGING", providerCallId: vars.callId },
    });
    const ok = await ingest(
      randomUUID(),
      { callId: vars.callId, status: "COMPLETED", isFinal: true, talkSeconds: 45, answeredAt: new Date().toISOString() },
      "key-1",
    );
    expect(ok).toMatchObject({ status: "PROCESSED", callId: known.id });
    expect(await db.call.findUniqueOrThrow({ where: { id: known.id } })).toMatchObject({ status: "COMPLETED", talkSeconds: 45 });
    const again = randomUUID();
    expect(await ingest(again, { callId: vars.callId, status: "COMPLETED", isFinal: true, talkSeconds: 45 }, "key-1")).toMatchObject({
      status: "DUPLICATE",
      callId: known.id,
    });
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: again } })).status).toBe("DUPLICATE");

    // A processing error (here a status the call table does not know) is undone and recorded; the delivery stays stored.
    const bad = randomUUID();
    const failed = await ingest(bad, { callId: vars.callId, status: "EXPLODED", talkSeconds: 999 });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/EXPLODED/);
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: bad } })).toMatchObject({ status: "FAILED", attempts: 1 });
    expect((await db.call.findUniqueOrThrow({ where: { id: known.id } })).talkSeconds).toBe(45);

    // A call we do not know: nothing written here; the general path stores it once, with its outcome (below).
    const unknown = randomUUID();
    expect(await ingest(unknown, { callId: "no-such-call", status: "RINGING" })).toEqual({ status: "RECEIVED" });
    expect(await db.webhookEvent.findUnique({ where: { id: unknown } })).toBeNull();
  });

  it("writes a delivery on the general path once, with its outcome, never inserted then updated", async () => {
    const { lead, vars } = await setup();
    await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS test_delivery_write (id text NOT NULL, op text NOT NULL)`);
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_count_delivery_write() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN INSERT INTO test_delivery_write VALUES (NEW.id, TG_OP); RETURN NEW; END $fn$`);
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_count_delivery_write ON webhook_event`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER test_count_delivery_write AFTER INSERT OR UPDATE ON webhook_event
       FOR EACH ROW EXECUTE FUNCTION test_count_delivery_write()`,
    );
    try {
      const writes = async (id: string) =>
        (await db.$queryRaw<{ op: string }[]>`SELECT op FROM test_delivery_write WHERE id = ${id}`).map((r) => r.op);
      // The call is new to us (found by its ref_id, the lead): the general path.
      const first = await send({ body: hangupTemplate() }, vars);
      const again = await send({ body: hangupTemplate() }, vars);
      expect(await writes(first.eventId!)).toEqual(["INSERT"]);
      expect(await writes(again.eventId!)).toEqual(["INSERT"]);
      expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: first.eventId! } })).toMatchObject({
        status: "PROCESSED",
        attempts: 1,
      });
      expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: again.eventId! } })).status).toBe("DUPLICATE");
      expect(await db.call.count({ where: { leadId: lead.id } })).toBe(1);
    } finally {
      // Gone again: the migrations test compares this database's functions with the migrations'.
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_count_delivery_write ON webhook_event`);
      await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_count_delivery_write()`);
      await db.$executeRawUnsafe(`DROP TABLE IF EXISTS test_delivery_write`);
    }
  });
});

describe("retry sweep", () => {
  it("processes a delivery that was stored but never processed, exactly once across identical copies", async () => {
    const { lead, vars } = await setup();
    const first = await send({ body: hangupTemplate() }, vars);
    expect(first.status).toBe(200);
    // As if the database had gone away right after the delivery was stored: no call, event RECEIVED,
    // and Smartflo's retry of it stored too.
    const stored = await db.webhookEvent.findUniqueOrThrow({ where: { id: first.eventId! } });
    await db.activity.deleteMany({ where: { leadId: lead.id, type: "CALL" } });
    await db.call.deleteMany({ where: { leadId: lead.id } });
    const old = new Date(Date.now() - 60_000);
    await db.webhookEvent.update({
      where: { id: stored.id },
      data: { status: "RECEIVED", attempts: 0, processedAt: null, callId: null, receivedAt: old },
    });
    const copy = await db.webhookEvent.create({
      data: {
        method: "POST",
        headers: {},
        query: {},
        body: stored.body,
        payload: stored.payload ?? {},
        dedupeKey: stored.dedupeKey,
        status: "RECEIVED",
        receivedAt: old,
      },
    });
    const young = await db.webhookEvent.create({
      data: {
        method: "POST",
        headers: {},
        query: {},
        body: stored.body,
        payload: stored.payload ?? {},
        dedupeKey: stored.dedupeKey,
        status: "RECEIVED",
      },
    });

    expect(await retryStalledWebhookEvents({ olderThanMs: 15_000 })).toBe(2);
    const events = await db.webhookEvent.findMany({ where: { id: { in: [stored.id, copy.id] } }, orderBy: { receivedAt: "asc" } });
    expect(events.map((e) => e.status).sort()).toEqual(["DUPLICATE", "PROCESSED"]);
    // Still in flight in its own request: left alone until it is old enough.
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: young.id } })).status).toBe("RECEIVED");
    const calls = await db.call.findMany({ where: { leadId: lead.id } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ status: "COMPLETED", talkSeconds: 75 });
    expect(await db.activity.count({ where: { leadId: lead.id, type: "CALL" } })).toBe(1);
    expect(await retryStalledWebhookEvents({ olderThanMs: 15_000 })).toBe(0);
  });

  it("gives up on an event after a bounded number of attempts", async () => {
    const event = await db.webhookEvent.create({
      data: {
        method: "POST",
        headers: {},
        query: {},
        body: "{}",
        payload: { call_id: "x" },
        dedupeKey: randomUUID(),
        status: "FAILED",
        attempts: 0,
        receivedAt: new Date(Date.now() - 60_000),
      },
    });
    for (let i = 0; i < 10; i++) await retryStalledWebhookEvents({ olderThanMs: 0 });
    const after = await db.webhookEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(after.status).not.toBe("PROCESSED");
    expect(after.attempts).toBeLessThanOrEqual(11);
    expect(await retryStalledWebhookEvents({ olderThanMs: 0 })).toBe(0);
  });
});

describe("replay", () => {
  it("lets an admin replay a failed event, idempotently; others get 404", async () => {
    const { lead, vars } = await setup();
    const res = await send({ body: hangupTemplate() }, vars);
    // Simulate a processing failure after storage (e.g. the database blinked mid-transaction).
    await db.activity.deleteMany({ where: { leadId: lead.id, type: "CALL" } });
    await db.activity.deleteMany({ where: { leadId: lead.id, type: "CALL" } });
    await db.call.deleteMany({ where: { leadId: lead.id } });
    await db.webhookEvent.update({ where: { id: res.eventId! }, data: { status: "FAILED", error: "simulated" } });

    const { user: agentUser } = await makeUser();
    const agentCookie = await signIn(agentUser.email, TEST_PASSWORD);
    const denied = await call(replayRoute.POST, { path: "/x", cookie: agentCookie, params: { id: res.eventId! } });
    expect(denied.status).toBe(404);

    const { user: admin } = await makeUser({ role: "ADMIN" });
    const cookie = await signIn(admin.email, TEST_PASSWORD);
    for (let i = 0; i < 2; i++) {
      const replay = await call(replayRoute.POST, { path: "/x", cookie, params: { id: res.eventId! } });
      expect(replay.status).toBe(200);
      expect(replay.json.status).toBe("PROCESSED");
    }
    expect(await db.call.count({ where: { leadId: lead.id } })).toBe(1);
    expect(await db.activity.count({ where: { leadId: lead.id, type: "CALL" } })).toBe(1);
    const missing = await call(replayRoute.POST, { path: "/x", cookie, params: { id: "nope" } });
    expect(missing.status).toBe(404);
  });
});

describe("live events", () => {
  /** The live_event rows written after `since`, as "kind entityId" with their count. */
  async function liveRowsSince(since: bigint) {
    const rows = await db.liveEvent.findMany({ where: { id: { gt: since } }, select: { kind: true, entityId: true } });
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(`${r.kind} ${r.entityId}`, (counts.get(`${r.kind} ${r.entityId}`) ?? 0) + 1);
    return counts;
  }

  it("writes one row per changed record for a delivery, however often the delivery changes it", async () => {
    const { agent, lead, vars } = await setup();
    // A call we placed (the one-statement path): its hangup ends the call, stamps the lead's last
    // contact, moves it NEW → CONTACTED (a second lead update) and adds the status change entry.
    const placed = await db.call.create({
      data: { leadId: lead.id, agentId: agent.id, direction: "OUTBOUND", status: "RINGING", providerCallId: vars.callId },
    });
    const before = (await db.liveEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    expect((await send({ body: hangupTemplate() }, vars)).status).toBe(200);
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("CONTACTED");
    const counts = await liveRowsSince(before);
    expect(counts.get(`call ${placed.id}`)).toBe(1);
    expect(counts.get(`lead ${lead.id}`)).toBe(1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });
});
