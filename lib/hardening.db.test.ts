// The security review's findings, each proven closed through the real route handlers on a real
// database: the webhook's answer and refused attempts, CSRF, sign-in brute force, toll fraud, the
// audit log, scoping, and webhook data retention. (The recording proxy: recording.db.test.ts; the
// boot checks: env.test.ts; headers: security-headers.test.ts and the e2e suite.)
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/v1/audit/route";
import * as dispositionRoute from "@/app/api/v1/calls/[id]/disposition/route";
import * as leadRoute from "@/app/api/v1/leads/[id]/route";
import * as assignRoute from "@/app/api/v1/leads/assign/route";
import * as exportRoute from "@/app/api/v1/leads/export/route";
import * as importRoute from "@/app/api/v1/leads/import/route";
import * as leadsRoute from "@/app/api/v1/leads/route";
import * as clickRoute from "@/app/api/v1/smartflo/click-to-call/route";
import * as webhookRoute from "@/app/api/v1/smartflo/webhook/route";
import * as tasksRoute from "@/app/api/v1/tasks/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import { makeLead, makeUser, TEST_PASSWORD, uniquePhone } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import { send } from "@/scripts/test/webhook";
import { auth } from "./auth/better-auth";
import { SIGN_IN_LIMITS } from "./auth/sign-in-guard";
import { db } from "./db";
import { env } from "./env";
import { PEER_ADDRESS_HEADER } from "./http/peer";
import { hangupTemplate } from "./smartflo/__fixtures__/deliveries";
import { purgeOldWebhookBodies } from "./webhooks/retention";
import { REJECTED_LIMIT } from "./webhooks/service";

const saved = { ...env };
afterEach(() => {
  for (const key of Object.keys(env)) if (!(key in saved)) delete (env as Record<string, unknown>)[key];
  Object.assign(env, saved);
  delete process.env.CRM_PEER_ADDRESS;
});
const newCallId = () => `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e6)}`;
const randomIp = () => `203.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

async function session(role: "AGENT" | "MANAGER" | "ADMIN" = "AGENT", managerId?: string) {
  const made = await makeUser({ role, managerId });
  return { ...made, cookie: await signIn(made.user.email, TEST_PASSWORD) };
}

describe("webhook answers and refused attempts", () => {
  it("answers a processed delivery with {ok:true} only: no call id, no status", async () => {
    const { user } = await makeUser();
    const lead = await makeLead({ ownerId: user.id });
    const res = await send(
      { body: hangupTemplate() },
      { leadId: lead.id, phone10: lead.phone.slice(-10), callId: newCallId(), uuid: randomUUID(), agentNumber: user.smartfloAgentNumber! },
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    const call = await db.call.findFirstOrThrow({ where: { leadId: lead.id } });
    expect(res.text).not.toContain(call.id);
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: res.eventId! } })).status).toBe("PROCESSED");
  });

  it("keeps only a digest and the size of a refused body, and stops storing refused attempts from an address past the limit", async () => {
    env.SMARTFLO_WEBHOOK_TOKEN = "w".repeat(40);
    const ip = randomIp();
    const headers = { "content-type": "application/json", "x-forwarded-for": ip };
    const forged = JSON.stringify({ call_id: "1.2", customer_number: "9876543210", secret: "forged-payload" });
    const first = await call(webhookRoute.POST, {
      path: "/api/v1/smartflo/webhook?token=wrong&leak=query-value",
      rawBody: forged,
      headers,
    });
    expect(first.status).toBe(401);
    const stored = await db.webhookEvent.findFirstOrThrow({
      where: { status: "REJECTED", headers: { path: ["x-forwarded-for"], equals: ip } },
    });
    expect(stored.body).toBeNull();
    expect(stored.payload).toBeNull();
    expect(stored.query).toEqual({});
    expect(stored.bodyBytes).toBe(Buffer.byteLength(forged));
    expect(stored.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain("forged-payload");

    for (let i = 1; i < REJECTED_LIMIT.limit; i++)
      expect((await call(webhookRoute.POST, { path: "/api/v1/smartflo/webhook", rawBody: forged, headers })).status).toBe(401);
    const limited = await call(webhookRoute.POST, { path: "/api/v1/smartflo/webhook", rawBody: forged, headers });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await db.webhookEvent.count({ where: { status: "REJECTED", headers: { path: ["x-forwarded-for"], equals: ip } } })).toBe(
      REJECTED_LIMIT.limit,
    );

    // Accepted deliveries from the same address are never limited.
    const { user } = await makeUser();
    const lead = await makeLead({ ownerId: user.id });
    const vars = {
      leadId: lead.id,
      phone10: lead.phone.slice(-10),
      callId: newCallId(),
      uuid: randomUUID(),
      agentNumber: user.smartfloAgentNumber!,
    };
    const body = JSON.stringify(hangupTemplate()).replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k as keyof typeof vars]);
    const ok = await call(webhookRoute.POST, {
      path: `/api/v1/smartflo/webhook?token=${env.SMARTFLO_WEBHOOK_TOKEN}`,
      rawBody: body,
      headers,
    });
    expect(ok.status).toBe(200);
  });
});

describe("CSRF on our own routes", () => {
  it("refuses mutations that are not JSON (415) or come from another origin (403), and takes same-origin JSON", async () => {
    const { cookie } = await session();
    const body = JSON.stringify({ name: "CSRF Test", phone: uniquePhone() });
    const form = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      cookie,
      rawBody: "name=x&phone=9876543210",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect(form.json.error.fields["content-type"]).toBeTruthy();
    const plain = await call(leadsRoute.POST, { path: "/api/v1/leads", cookie, rawBody: body, headers: { "content-type": "text/plain" } });
    expect(plain.status).toBe(415);
    const evil = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      cookie,
      rawBody: body,
      headers: { "content-type": "application/json", origin: "https://evil.example" },
    });
    expect(evil.status).toBe(403);
    const nullOrigin = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      cookie,
      rawBody: body,
      headers: { "content-type": "application/json", origin: "null" },
    });
    expect(nullOrigin.status).toBe(403);
    const crossSite = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      cookie,
      rawBody: body,
      headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    const patch = await call(leadRoute.PATCH, {
      path: "/x",
      method: "PATCH",
      cookie,
      rawBody: JSON.stringify({ name: "x" }),
      params: { id: "nope" },
      headers: { "content-type": "text/plain" },
    });
    expect(patch.status).toBe(415);
    expect(await db.lead.count({ where: { name: "CSRF Test" } })).toBe(0);
    const ok = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      cookie,
      rawBody: body,
      headers: { "content-type": "application/json; charset=utf-8", origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
    });
    expect(ok.status).toBe(201);
    // Reads are not mutations.
    expect((await call(leadsRoute.GET, { path: "/api/v1/leads", cookie, headers: { "sec-fetch-site": "cross-site" } })).status).toBe(200);
  });

  it("leaves the webhook to its token: form-encoded deliveries from Smartflo are still taken", async () => {
    const res = await call(webhookRoute.POST, {
      path: "/api/v1/smartflo/webhook",
      rawBody: "call_id=1.1&call_status=answered",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://smartflo.example" },
    });
    expect(res.status).toBe(200);
  });
});

async function signInAttempt(email: string, password: string, headers: Record<string, string>) {
  const res = await auth.handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", ...headers },
      body: JSON.stringify({ email, password }),
    }),
  );
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json().catch(() => null)) as { message?: string } | null,
  };
}

describe("sign-in brute force", () => {
  it("blocks an account after repeated failures from the addresses they came from (429, Retry-After), whatever XFF says", async () => {
    process.env.CRM_PEER_ADDRESS = "1"; // as behind `npm start`: the socket's address, stamped by the server
    const { user } = await makeUser();
    const peer = { [PEER_ADDRESS_HEADER]: randomIp() };
    for (let i = 0; i < SIGN_IN_LIMITS.account.limit; i++) {
      // A different spoofed X-Forwarded-For each time changes nothing.
      expect((await signInAttempt(user.email, "wrong-password", { ...peer, "x-forwarded-for": randomIp() })).status).toBe(401);
    }
    // From the attacking address even the right password is refused.
    const blocked = await signInAttempt(user.email, TEST_PASSWORD, { ...peer, "x-forwarded-for": randomIp() });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    expect(blocked.body?.message).toMatch(/Too many sign-in attempts\. Try again in \d+ (minutes|seconds?)/);
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: `sign-in:account:${user.email}` } });
    expect(row.count).toBe(SIGN_IN_LIMITS.account.limit);
    // A wrong guess from a fresh address is checked once, then that address is closed too.
    const elsewhere = { [PEER_ADDRESS_HEADER]: randomIp() };
    expect((await signInAttempt(user.email, "another-guess", elsewhere)).status).toBe(401);
    expect((await signInAttempt(user.email, TEST_PASSWORD, elsewhere)).status).toBe(429);
    // The owner, from an address with no failures, gets in: guessing cannot lock them out.
    expect((await signInAttempt(user.email, TEST_PASSWORD, { [PEER_ADDRESS_HEADER]: randomIp() })).status).toBe(200);
    const actions = await db.auditEvent.findMany({ where: { actorEmail: user.email }, select: { action: true, ip: true } });
    expect(actions.filter((a) => a.action === "auth.sign_in_failed")).toHaveLength(SIGN_IN_LIMITS.account.limit + 1);
    expect(actions.some((a) => a.action === "auth.sign_in_blocked")).toBe(true);
    expect(actions.filter((a) => a.action === "auth.sign_in_failed" && a.ip === peer[PEER_ADDRESS_HEADER])).toHaveLength(
      SIGN_IN_LIMITS.account.limit,
    );
  });

  it("blocks an address that tries many accounts, and clears an account's failures on a correct password", async () => {
    process.env.CRM_PEER_ADDRESS = "1";
    const ip = { [PEER_ADDRESS_HEADER]: randomIp() };
    const { user } = await makeUser();
    expect((await signInAttempt(user.email, "wrong", ip)).status).toBe(401);
    expect((await signInAttempt(user.email, TEST_PASSWORD, ip)).status).toBe(200);
    expect(await db.rateLimit.findUnique({ where: { key: `sign-in:account:${user.email}` } })).toBeNull();
    for (let i = 1; i < SIGN_IN_LIMITS.address.limit; i++)
      expect((await signInAttempt(`nobody-${i}-${randomUUID()}@test.local`, "guess", ip)).status).toBe(401);
    const blocked = await signInAttempt(user.email, TEST_PASSWORD, ip);
    expect(blocked.status).toBe(429);
    // Another address is not blocked.
    expect((await signInAttempt(user.email, TEST_PASSWORD, { [PEER_ADDRESS_HEADER]: randomIp() })).status).toBe(200);
    const signIns = await db.auditEvent.count({ where: { action: "auth.sign_in", actorId: user.id } });
    expect(signIns).toBe(2);
  });

  it("believes a proxy header only when TRUSTED_PROXY_HEADER names it", async () => {
    env.TRUSTED_PROXY_HEADER = "x-real-ip";
    const { user } = await makeUser();
    const ip = randomIp();
    await signInAttempt(user.email, "wrong", { "x-real-ip": ip, "x-forwarded-for": randomIp() });
    expect((await db.auditEvent.findFirstOrThrow({ where: { actorEmail: user.email, action: "auth.sign_in_failed" } })).ip).toBe(ip);
  });
});

describe("toll fraud", () => {
  it("refuses numbers outside CALLABLE_COUNTRIES at create, edit, import and click-to-call (422 naming the phone)", async () => {
    const { cookie, user } = await session("MANAGER");
    const created = await call(leadsRoute.POST, { path: "/api/v1/leads", cookie, body: { name: "London", phone: "+44 20 7946 0958" } });
    expect(created.status).toBe(422);
    expect(created.json.error.fields.phone).toMatch(/a number in United Kingdom; calls may go only to India/);
    const lead = await makeLead({ ownerId: user.id });
    const edit = await call(leadRoute.PATCH, {
      path: "/x",
      method: "PATCH",
      cookie,
      params: { id: lead.id },
      body: { phone: "+1 415 555 2671" },
    });
    expect(edit.status).toBe(422);
    expect(edit.json.error.fields.phone).toMatch(/a number in United States/);
    const imported = await call(importRoute.POST, {
      path: "/x",
      cookie,
      body: { rows: [{ line: 2, name: "Dubai", phone: "+971 50 123 4567" }], dryRun: true },
    });
    expect(imported.json.reports[0]).toMatchObject({
      status: "invalid",
      errors: { phone: expect.stringMatching(/a number in United Arab Emirates/) },
    });
    env.CALLABLE_COUNTRIES = ["IN", "AE"];
    const allowed = await call(importRoute.POST, {
      path: "/x",
      cookie,
      body: { rows: [{ line: 2, name: "Dubai", phone: "+971 50 123 4567" }], dryRun: true },
    });
    expect(allowed.json.reports[0].status).toBe("ok");

    // A foreign number already on a lead (say, from before the rule) is refused at the call.
    const { user: agent, cookie: agentCookie } = await session();
    const foreign = await db.lead.create({
      data: { name: "Old import", phone: "+447911123456", phoneLast10: "7911123456", ownerId: agent.id },
    });
    const c2c = await call(clickRoute.POST, { path: "/x", cookie: agentCookie, body: { leadId: foreign.id } });
    expect(c2c.status).toBe(422);
    expect(c2c.json.error.fields.phone).toMatch(/\+44 7911 123456.*calls may go only to India, United Arab Emirates/);
    expect(await db.call.count({ where: { leadId: foreign.id } })).toBe(0);
  });

  it("caps calls per agent per day (429 with a message) and puts phone changes on the timeline", async () => {
    const { user, cookie } = await session();
    env.MAX_CALLS_PER_AGENT_PER_DAY = 2;
    const lead = await makeLead({ ownerId: user.id });
    for (let i = 0; i < 2; i++)
      await db.call.create({
        data: { leadId: lead.id, agentId: user.id, direction: "OUTBOUND", status: "COMPLETED", endedAt: new Date() },
      });
    const res = await call(clickRoute.POST, { path: "/x", cookie, body: { leadId: lead.id } });
    expect(res.status).toBe(429);
    expect(res.json.error.message).toMatch(/placed 2 calls today, the most allowed per agent \(2\)/);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);

    const phone = uniquePhone();
    const changed = await call(leadRoute.PATCH, { path: "/x", method: "PATCH", cookie, params: { id: lead.id }, body: { phone } });
    expect(changed.status).toBe(200);
    const entry = await db.activity.findFirstOrThrow({ where: { leadId: lead.id, type: "PHONE_CHANGE" } });
    expect(entry.payload).toEqual({ from: lead.phone, to: phone, before: [lead.phone], numbers: [phone] });
    expect(entry.actorId).toBe(user.id);
  });
});

describe("audit log", () => {
  it("records admin actions, exports and sign-ins; only admins read it; the database refuses edits", async () => {
    const admin = await session("ADMIN");
    const { user: target } = await makeUser();
    expect(
      (
        await call(userRoute.PATCH, {
          path: "/x",
          method: "PATCH",
          cookie: admin.cookie,
          params: { id: target.id },
          body: { role: "MANAGER", smartfloAgentNumber: "9111111111" },
        })
      ).status,
    ).toBe(200);
    const exported = await call(exportRoute.GET, { path: "/api/v1/leads/export", cookie: admin.cookie });
    expect(exported.status).toBe(200);

    const page = await call(auditRoute.GET, { path: `/api/v1/audit?targetId=${target.id}`, cookie: admin.cookie });
    expect(page.status).toBe(200);
    const change = page.json.items.find((e: { action: string }) => e.action === "user.updated");
    expect(change).toMatchObject({
      actor: { id: admin.user.id },
      targetType: "user",
      before: { role: "AGENT" },
      after: { role: "MANAGER", smartfloAgentNumber: "9111111111" },
    });
    const mine = await call(auditRoute.GET, { path: `/api/v1/audit?actorId=${admin.user.id}&action=leads.exported`, cookie: admin.cookie });
    expect(mine.json.items).toHaveLength(1);
    expect(mine.json.items[0].after.rows).toBe(exported.text.trim().split("\r\n").length - 1);
    const signIn = await call(auditRoute.GET, { path: `/api/v1/audit?actorId=${admin.user.id}&action=auth.sign_in`, cookie: admin.cookie });
    expect(signIn.json.items).toHaveLength(1);
    expect((await call(auditRoute.GET, { path: "/api/v1/audit?action=nope", cookie: admin.cookie })).status).toBe(422);

    for (const role of ["AGENT", "MANAGER"] as const)
      expect((await call(auditRoute.GET, { path: "/api/v1/audit", cookie: (await session(role)).cookie })).status).toBe(404);
    expect((await call(auditRoute.GET, { path: "/api/v1/audit" })).status).toBe(401);
    expect(Object.keys(auditRoute).filter((k) => /^[A-Z]+$/.test(k))).toEqual(["GET"]);

    const row = await db.auditEvent.findFirstOrThrow({ where: { targetId: target.id } });
    await expect(db.$executeRaw`UPDATE audit_event SET action = 'x' WHERE id = ${row.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM audit_event WHERE id = ${row.id}`).rejects.toThrow(/append-only/);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).action).toBe("user.updated");
  });

  it("pages through with a cursor, newest first", async () => {
    const admin = await session("ADMIN");
    const { user } = await makeUser();
    for (const role of ["MANAGER", "AGENT", "MANAGER"])
      await call(userRoute.PATCH, { path: "/x", method: "PATCH", cookie: admin.cookie, params: { id: user.id }, body: { role } });
    const first = await call(auditRoute.GET, { path: `/api/v1/audit?targetId=${user.id}&limit=2`, cookie: admin.cookie });
    expect(first.json.items).toHaveLength(2);
    const rest = await call(auditRoute.GET, {
      path: `/api/v1/audit?targetId=${user.id}&limit=2&cursor=${first.json.nextCursor}`,
      cookie: admin.cookie,
    });
    expect(rest.json.items).toHaveLength(1);
    expect([...first.json.items, ...rest.json.items].map((e: { after: { role: string } }) => e.after.role)).toEqual([
      "MANAGER",
      "AGENT",
      "MANAGER",
    ]);
  });
});

describe("scoping leftovers", () => {
  it("a manager cannot take another team's leads, nor give tasks outside the team", async () => {
    const mine = await session("MANAGER");
    const { user: myAgent } = await makeUser({ managerId: mine.user.id });
    const { user: otherManager } = await makeUser({ role: "MANAGER" });
    const { user: theirAgent } = await makeUser({ managerId: otherManager.id });
    const theirLead = await makeLead({ ownerId: theirAgent.id });
    const res = await call(assignRoute.POST, { path: "/x", cookie: mine.cookie, body: { leadIds: [theirLead.id], ownerId: myAgent.id } });
    expect(res.status).toBe(422);
    expect(res.json.error.fields.leadIds).toMatch(/not yours to assign/);
    expect((await db.lead.findUniqueOrThrow({ where: { id: theirLead.id } })).ownerId).toBe(theirAgent.id);
    const unowned = await makeLead({ ownerId: null });
    expect(
      (await call(assignRoute.POST, { path: "/x", cookie: mine.cookie, body: { leadIds: [unowned.id], ownerId: myAgent.id } })).status,
    ).toBe(200);

    const task = await call(tasksRoute.POST, {
      path: "/x",
      cookie: mine.cookie,
      body: { leadId: unowned.id, title: "Call", dueAt: new Date().toISOString(), assigneeId: theirAgent.id },
    });
    expect(task.status).toBe(422);
    expect(task.json.error.fields.assigneeId).toMatch(/not in your team/);
    expect(
      (
        await call(tasksRoute.POST, {
          path: "/x",
          cookie: mine.cookie,
          body: { leadId: unowned.id, title: "Call", dueAt: new Date().toISOString(), assigneeId: myAgent.id },
        })
      ).status,
    ).toBe(201);
  });

  it("a former owner cannot record an outcome (or a status) on a lead that was reassigned", async () => {
    const former = await session();
    const { user: next } = await makeUser();
    const lead = await makeLead({ ownerId: former.user.id });
    const ended = await db.call.create({
      data: { leadId: lead.id, agentId: former.user.id, direction: "OUTBOUND", status: "COMPLETED", talkSeconds: 40, endedAt: new Date() },
    });
    await db.lead.update({ where: { id: lead.id }, data: { ownerId: next.id } });
    const lost = await db.disposition.upsert({
      where: { label: "Not interested (test)" },
      create: { label: "Not interested (test)", leadStatus: "LOST" },
      update: {},
    });
    const res = await call(dispositionRoute.PUT, {
      path: "/x",
      method: "PUT",
      cookie: former.cookie,
      params: { id: ended.id },
      body: { dispositionId: lost.id, applyLeadStatus: true },
    });
    expect(res.status).toBe(404);
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("NEW");
  });
});

describe("webhook data retention", () => {
  it("blanks raw bodies older than WEBHOOK_RETENTION_DAYS; the delivery row and the call stay", async () => {
    const { user } = await makeUser();
    const lead = await makeLead({ ownerId: user.id });
    const vars = {
      leadId: lead.id,
      phone10: lead.phone.slice(-10),
      callId: newCallId(),
      uuid: randomUUID(),
      agentNumber: user.smartfloAgentNumber!,
    };
    const old = await send({ body: hangupTemplate() }, vars);
    const fresh = await send({ body: hangupTemplate({ billsec: "61" }) }, { ...vars, uuid: randomUUID() });
    await db.webhookEvent.update({ where: { id: old.eventId! }, data: { receivedAt: new Date(Date.now() - 91 * 86_400_000) } });
    expect(await purgeOldWebhookBodies({ days: 90 })).toBeGreaterThanOrEqual(1);
    const purged = await db.webhookEvent.findUniqueOrThrow({ where: { id: old.eventId! } });
    expect(purged).toMatchObject({ body: null, payload: null, query: {}, headers: {}, status: "PROCESSED" });
    expect(purged.callId).not.toBeNull();
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: fresh.eventId! } })).body).toContain(lead.phone.slice(-10));
    expect(await db.call.count({ where: { leadId: lead.id } })).toBe(1);
  });
});

async function authPost(pathname: string, cookie: string, body: unknown) {
  const res = await auth.handler(
    new Request(`http://localhost:3000/api/auth${pathname}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", cookie },
      body: JSON.stringify(body),
    }),
  );
  return {
    status: res.status,
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  };
}

describe("one-time passwords and password changes", () => {
  it("an account on a one-time password can only change it; the change is audited and clears the flag", async () => {
    const { user } = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    const cookie = await signIn(user.email, TEST_PASSWORD);
    const blocked = await call(leadsRoute.GET, { path: "/api/v1/leads", cookie });
    expect(blocked.status).toBe(403);
    expect(blocked.json.error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    const other = await signIn(user.email, TEST_PASSWORD);
    const changed = await authPost("/change-password", cookie, {
      currentPassword: TEST_PASSWORD,
      newPassword: "a-new-password-42",
      revokeOtherSessions: true,
    });
    expect(changed.status).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "auth.password_changed", actorId: user.id } })).toBe(1);
    // The other session is gone; the new password works.
    expect((await call(leadsRoute.GET, { path: "/api/v1/leads", cookie: other })).status).toBe(401);
    expect((await call(leadsRoute.GET, { path: "/api/v1/leads", cookie: await signIn(user.email, "a-new-password-42") })).status).toBe(200);
  });

  it("limits guesses of the current password on the account page", async () => {
    const { user } = await makeUser();
    const cookie = await signIn(user.email, TEST_PASSWORD);
    for (let i = 0; i < SIGN_IN_LIMITS.passwordChange.limit; i++)
      expect((await authPost("/change-password", cookie, { currentPassword: `guess-${i}-xx`, newPassword: "whatever-new-1" })).status).toBe(
        400,
      );
    expect((await authPost("/change-password", cookie, { currentPassword: TEST_PASSWORD, newPassword: "whatever-new-1" })).status).toBe(
      429,
    );
  });
});

describe("NUL characters (PostgreSQL's text refuses them)", () => {
  it("are the client's error, naming the field, in a body or a query string", async () => {
    const { cookie } = await session();
    const body = await call(leadsRoute.POST, { path: "/api/v1/leads", cookie, body: { name: "A\u0000B", phone: uniquePhone() } });
    expect(body.status).toBe(422);
    expect(body.json.error.fields.name).toBe("must not contain NUL characters");
    const query = await call(leadsRoute.GET, { path: "/api/v1/leads?ownerId=%00", cookie });
    expect(query.status).toBe(422);
    expect(query.json.error.fields.ownerId).toBe("must not contain NUL characters");
  });
});
