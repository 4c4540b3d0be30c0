// Outgoing webhooks end to end: an admin registers an endpoint, changes to leads, calls and tasks
// write their events in the same transaction, the dispatcher POSTs them to a real local receiver,
// and the receiver verifies every signature with the `standardwebhooks` package (a verifier we did
// not write). A receiver that is down gets everything once it is back; a day of failures gives up.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Ajv2020 } from "ajv/dist/2020";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import * as keyListRoute from "@/app/api/v1/api-keys/route";
import * as replayRoute from "@/app/api/v1/webhook-deliveries/[id]/replay/route";
import * as deliveriesRoute from "@/app/api/v1/webhook-endpoints/[id]/deliveries/route";
import * as endpointRoute from "@/app/api/v1/webhook-endpoints/[id]/route";
import * as secretRoute from "@/app/api/v1/webhook-endpoints/[id]/secret/route";
import * as testRoute from "@/app/api/v1/webhook-endpoints/[id]/test/route";
import * as endpointsRoute from "@/app/api/v1/webhook-endpoints/route";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { restoreEnvAfterEach, session } from "@/scripts/test/sessions";
import { openApiDocument } from "../api/openapi";
import { db } from "../db";
import { env } from "../env";
import { dispatchDue } from "./dispatch";
import { WEBHOOK_EVENTS, WEBHOOK_PAYLOADS, type WebhookEventType } from "./events";

restoreEnvAfterEach();

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver: records each request and answers `answer` (a status) — or is not there at all. */
async function receiver(port = 0) {
  const received: Received[] = [];
  const state = { answer: 200 };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    res.writeHead(state.answer, { "content-type": "text/plain" });
    res.end(state.answer < 300 ? "thanks" : "not now");
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/hooks/crm`,
    port: bound,
    received,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const opened: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((r) => r.close()));
  // Endpoints are global: leave none behind for the next file.
  await db.webhookEndpoint.deleteMany({});
  await db.outboxEvent.deleteMany({});
});

async function newEndpoint(url: string, events: readonly WebhookEventType[] = WEBHOOK_EVENTS) {
  const admin = await session("ADMIN");
  const res = await call(endpointsRoute.POST, { path: "/api/v1/webhook-endpoints", cookie: admin.cookie, body: { url, events } });
  expect(res.status, res.text).toBe(201);
  return { admin, id: res.json.id as string, secret: res.json.secret as string };
}

/** Sends until nothing is due. */
async function drain() {
  let sent = 0;
  for (let i = 0; i < 50; i++) {
    const results = await dispatchDue();
    if (results.length === 0) return sent;
    sent += results.length;
  }
  throw new Error("outbox did not drain");
}

/** The receiver's events as verified by standardwebhooks (throws on a bad signature). */
function verified(r: Received[], secret: string) {
  const wh = new Webhook(secret);
  return r.map((x) => ({ id: x.headers["webhook-id"] as string, payload: wh.verify(x.body, x.headers as Record<string, string>) as any }));
}

describe("outgoing webhooks", () => {
  it("sends every event type, written in the change's transaction, signed so that standardwebhooks verifies it", async () => {
    const rx = await receiver();
    opened.push(rx);
    const { id, secret } = await newEndpoint(rx.url);
    expect(secret).toMatch(/^whsec_/);

    const agent = await makeUser({ role: "AGENT" });
    const lead = await makeLead({ ownerId: null, name: "Priya Hooks" });
    await db.lead.update({ where: { id: lead.id }, data: { status: "CONTACTED" } });
    await db.lead.update({ where: { id: lead.id }, data: { ownerId: agent.user.id } });
    const c = await db.call.create({ data: { leadId: lead.id, agentId: agent.user.id, direction: "OUTBOUND", status: "RINGING" } });
    await db.call.update({ where: { id: c.id }, data: { status: "COMPLETED", talkSeconds: 42, endedAt: new Date() } });
    await db.call.update({ where: { id: c.id }, data: { disposition: "Interested", dispositionAt: new Date() } });
    const task = await db.task.create({ data: { leadId: lead.id, assigneeId: agent.user.id, title: "Send brochure", dueAt: new Date() } });
    await db.task.update({ where: { id: task.id }, data: { doneAt: new Date() } });
    // A change rolled back writes nothing.
    await db
      .$transaction(async (tx) => {
        await tx.lead.update({ where: { id: lead.id }, data: { name: "Never saved" } });
        throw new Error("rollback");
      })
      .catch(() => {});

    await drain();
    const events = verified(rx.received, secret);
    const mine = events.filter(
      (e) => e.payload.data.lead?.id === lead.id || e.payload.data.call?.leadId === lead.id || e.payload.data.task?.leadId === lead.id,
    );
    const types = mine.map((e) => e.payload.type as WebhookEventType);
    for (const type of WEBHOOK_EVENTS) expect(types, type).toContain(type);
    // What receivers get is what the OpenAPI document's `webhooks` section says (checked by Ajv) and the zod schema.
    const doc = openApiDocument("http://localhost:3000") as { webhooks: Record<string, any> };
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    for (const e of mine) {
      WEBHOOK_PAYLOADS[e.payload.type as WebhookEventType].parse(e.payload);
      const validate = ajv.compile(doc.webhooks[e.payload.type].post.requestBody.content["application/json"].schema);
      expect(validate(e.payload), `${e.payload.type}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(new Set(mine.map((e) => e.id)).size).toBe(mine.length);
    expect(JSON.stringify(mine)).not.toContain("Never saved");
    expect(types.filter((t) => t === "call.completed")).toHaveLength(1);

    const status = mine.find((e) => e.payload.type === "lead.status_changed")!.payload.data;
    expect(status).toMatchObject({ previousStatus: "NEW", lead: { status: "CONTACTED", name: "Priya Hooks" } });
    const assigned = mine.find((e) => e.payload.type === "lead.assigned")!.payload.data;
    expect(assigned.lead.owner).toMatchObject({ id: agent.user.id, name: agent.user.name });
    const completed = mine.find((e) => e.payload.type === "call.completed")!.payload.data.call;
    expect(completed).toMatchObject({ id: c.id, status: "COMPLETED", talkSeconds: 42, hasRecording: false });
    expect(mine.find((e) => e.payload.type === "call.outcome_recorded")!.payload.data.call.outcome).toBe("Interested");

    const log = await call(deliveriesRoute.GET, {
      path: `/api/v1/webhook-endpoints/${id}/deliveries?status=DELIVERED`,
      cookie: (await session("ADMIN")).cookie,
      params: { id },
    });
    expect(log.status).toBe(200);
    expect(log.json.items.length).toBeGreaterThanOrEqual(8);
    expect(log.json.items[0]).toMatchObject({ status: "DELIVERED", attempts: 1, lastStatus: 200, lastResponse: "thanks" });
  });

  it("writes nothing while no endpoint wants the event; an endpoint gets only the events it chose", async () => {
    const rx = await receiver();
    opened.push(rx);
    const before = await db.outboxEvent.count();
    await makeLead({});
    expect(await db.outboxEvent.count()).toBe(before);
    await newEndpoint(rx.url, ["task.completed"]);
    const lead = await makeLead({});
    expect(await db.outboxEvent.count()).toBe(before);
    const task = await db.task.create({ data: { leadId: lead.id, title: "Call back", dueAt: new Date() } });
    await db.task.update({ where: { id: task.id }, data: { doneAt: new Date() } });
    await drain();
    expect(rx.received.map((r) => JSON.parse(r.body).type)).toEqual(["task.completed"]);
  });

  it("holds back while the receiver is down (the endpoint rests, nothing is charged twice) and delivers all once it is back", async () => {
    const probe = await receiver();
    const port = probe.port;
    await probe.close();
    const { id, secret } = await newEndpoint(`http://127.0.0.1:${port}/hooks/crm`, ["lead.created"]);
    const leads = await Promise.all(Array.from({ length: 6 }, () => makeLead({})));

    const first = await dispatchDue();
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((r) => !r.ok && r.status === null)).toBe(true);
    const endpoint = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(endpoint.consecutiveFailures).toBe(1);
    expect(endpoint.failingSince).not.toBeNull();
    expect(endpoint.pausedUntil!.getTime()).toBeGreaterThan(Date.now());
    // Resting: nothing is due for it.
    expect(await dispatchDue()).toEqual([]);
    const waiting = await db.webhookDelivery.findMany({ where: { endpointId: id } });
    expect(waiting.every((d) => d.status === "PENDING" && d.nextAttemptAt.getTime() > Date.now())).toBe(true);

    // Back up; the pause and the back-off have passed.
    const rx = await receiver(port);
    opened.push(rx);
    await db.webhookEndpoint.update({ where: { id }, data: { pausedUntil: new Date(Date.now() - 1000) } });
    await db.webhookDelivery.updateMany({ where: { endpointId: id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    await drain();
    const got = verified(rx.received, secret).filter((e) => leads.some((l) => l.id === e.payload.data.lead.id));
    expect(new Set(got.map((e) => e.payload.data.lead.id)).size).toBe(6);
    const healthy = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(healthy).toMatchObject({ consecutiveFailures: 0, failingSince: null, enabled: true });
    expect(await db.webhookDelivery.count({ where: { endpointId: id, status: { not: "DELIVERED" } } })).toBe(0);
  });

  it("gives a delivery up 24 hours after its event, turns off an endpoint failing for 24 hours; replay keeps the webhook-id", async () => {
    const rx = await receiver();
    opened.push(rx);
    rx.state.answer = 503;
    const { admin, id, secret } = await newEndpoint(rx.url, ["lead.created"]);
    await makeLead({});
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    await db.webhookDelivery.updateMany({ where: { endpointId: id }, data: { createdAt: dayAgo } });
    await db.webhookEndpoint.update({ where: { id }, data: { failingSince: dayAgo, consecutiveFailures: 9 } });
    await drain();
    const [delivery] = await db.webhookDelivery.findMany({ where: { endpointId: id } });
    expect(delivery).toMatchObject({
      status: "FAILED",
      attempts: 1,
      lastStatus: 503,
      lastError: "answered HTTP 503",
      lastResponse: "not now",
    });
    const off = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(off.enabled).toBe(false);
    expect(off.disabledReason).toMatch(/failing for 24 hours.*HTTP 503/);
    // Turned off: new events are not written for it.
    await makeLead({});
    expect(await db.webhookDelivery.count({ where: { endpointId: id } })).toBe(1);

    rx.state.answer = 204;
    const replay = await call(replayRoute.POST, {
      path: `/api/v1/webhook-deliveries/${delivery!.id}/replay`,
      cookie: admin.cookie,
      params: { id: delivery!.id },
    });
    expect(replay.status, replay.text).toBe(200);
    expect(replay.json).toMatchObject({ ok: true, status: 204 });
    const ids = rx.received.map((r) => r.headers["webhook-id"]);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    verified(rx.received, secret);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })).status).toBe("DELIVERED");

    const on = await call(endpointRoute.PATCH, {
      path: `/api/v1/webhook-endpoints/${id}`,
      method: "PATCH",
      cookie: admin.cookie,
      params: { id },
      body: { enabled: true },
    });
    expect(on.json).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it("after a new secret both the old and the new one verify for a day; a test event says what the endpoint answered", async () => {
    const rx = await receiver();
    opened.push(rx);
    const { admin, id, secret: oldSecret } = await newEndpoint(rx.url, ["lead.created"]);
    const rotated = await call(secretRoute.POST, { path: `/api/v1/webhook-endpoints/${id}/secret`, cookie: admin.cookie, params: { id } });
    expect(rotated.status).toBe(200);
    const newSecret = rotated.json.secret as string;
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.json.previousSecretUntil).not.toBeNull();
    const test = await call(testRoute.POST, { path: `/api/v1/webhook-endpoints/${id}/test`, cookie: admin.cookie, params: { id } });
    expect(test.json).toMatchObject({ ok: true, status: 200 });
    expect(String(rx.received[0]!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verified(rx.received, newSecret)[0]!.payload.type).toBe("webhook.test");
    expect(verified(rx.received, oldSecret)[0]!.payload.data.endpointId).toBe(id);
    const list = await call(endpointsRoute.GET, { path: "/api/v1/webhook-endpoints", cookie: admin.cookie });
    expect(list.text).not.toContain(newSecret.slice(6));
    expect(list.text).not.toContain(oldSecret.slice(6));
  });

  it("is for admins and keys with webhooks:manage; a bad address is a 422 naming url; production wants https, public", async () => {
    const agent = await session("AGENT");
    expect((await call(endpointsRoute.GET, { path: "/api/v1/webhook-endpoints", cookie: agent.cookie })).status).toBe(404);
    const admin = await session("ADMIN");
    const makeKey = async (scopes: string[]) =>
      (await call(keyListRoute.POST, { path: "/api/v1/api-keys", cookie: admin.cookie, body: { name: `k ${Math.random()}`, scopes } })).json
        .key as string;
    const manage = await makeKey(["webhooks:manage"]);
    const leadsOnly = await makeKey(["leads:write"]);
    const body = { url: "https://hooks.example.com/crm", events: ["lead.created"] };
    const viaKey = await call(endpointsRoute.POST, {
      path: "/api/v1/webhook-endpoints",
      headers: { authorization: `Bearer ${manage}` },
      body,
    });
    expect(viaKey.status).toBe(201);
    const refused = await call(endpointsRoute.POST, {
      path: "/api/v1/webhook-endpoints",
      headers: { authorization: `Bearer ${leadsOnly}` },
      body,
    });
    expect(refused.status).toBe(403);

    const bad = await call(endpointsRoute.POST, {
      path: "/api/v1/webhook-endpoints",
      cookie: admin.cookie,
      body: { url: "not a url", events: [] },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["events", "url"]);
    const unknown = await call(endpointsRoute.POST, {
      path: "/api/v1/webhook-endpoints",
      cookie: admin.cookie,
      body: { url: "https://a.example.com", events: ["lead.deleted"] },
    });
    expect(Object.keys(unknown.json.error.fields)).toEqual(["events.0"]);

    (env as { NODE_ENV: string }).NODE_ENV = "production";
    const local = await call(endpointsRoute.POST, {
      path: "/api/v1/webhook-endpoints",
      cookie: admin.cookie,
      body: { url: "http://127.0.0.1:9/hook", events: ["lead.created"] },
    });
    expect(local.status).toBe(422);
    expect(local.json.error.fields.url).toBe("must be an https address");
    // https, but to a private address: refused when connecting (the SSRF-safe fetch).
    const inside = await call(endpointsRoute.POST, {
      path: "/api/v1/webhook-endpoints",
      cookie: admin.cookie,
      body: { url: "https://127.0.0.1:9/hook", events: ["lead.created"] },
    });
    expect(inside.status).toBe(201);
    const test = await call(testRoute.POST, {
      path: `/api/v1/webhook-endpoints/${inside.json.id}/test`,
      cookie: admin.cookie,
      params: { id: inside.json.id },
    });
    expect(test.json).toMatchObject({ ok: false, status: null, error: "127.0.0.1 is not a public address" });

    const gone = await call(endpointRoute.DELETE, {
      path: `/api/v1/webhook-endpoints/${inside.json.id}`,
      method: "DELETE",
      cookie: admin.cookie,
      params: { id: inside.json.id },
    });
    expect(gone.status).toBe(204);
    const audit = await db.auditEvent.findMany({ where: { targetId: inside.json.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["webhook_endpoint.created", "webhook_endpoint.deleted"]);
  });
});
