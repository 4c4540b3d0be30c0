// API keys end to end through the route handlers: made by admins only and shown once, the scope
// matrix, revoked and expired keys, the rate limit, leads made "via API key", Idempotency-Key.
import { describe, expect, it } from "vitest";
import * as keysRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keyListRoute from "@/app/api/v1/api-keys/route";
import * as callRoute from "@/app/api/v1/calls/route";
import * as leadRoute from "@/app/api/v1/leads/[id]/route";
import * as leadsRoute from "@/app/api/v1/leads/route";
import * as tasksRoute from "@/app/api/v1/tasks/route";
import { uniquePhone } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { restoreEnvAfterEach, session } from "@/scripts/test/sessions";
import { db } from "../db";
import { env } from "../env";
import type { ApiScope } from "./scopes";

restoreEnvAfterEach();

async function newKey(scopes: ApiScope[], extra: Record<string, unknown> = {}) {
  const admin = await session("ADMIN");
  const res = await call(keyListRoute.POST, {
    path: "/api/v1/api-keys",
    cookie: admin.cookie,
    body: { name: `Zapier ${Math.random()}`, scopes, ...extra },
  });
  expect(res.status).toBe(201);
  return {
    admin,
    key: res.json.key as string,
    id: res.json.id as string,
    name: res.json.name as string,
    prefix: res.json.prefix as string,
  };
}
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe("API keys", () => {
  it("are made by admins only, shown once, stored as a hash, listed with their prefix and audited", async () => {
    const agent = await session("AGENT");
    const refused = await call(keyListRoute.POST, {
      path: "/api/v1/api-keys",
      cookie: agent.cookie,
      body: { name: "x", scopes: ["leads:read"] },
    });
    expect(refused.status).toBe(404);
    const bad = await call(keyListRoute.POST, {
      path: "/api/v1/api-keys",
      cookie: (await session("ADMIN")).cookie,
      body: { name: "", scopes: ["leads:delete"] },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["name", "scopes.0"]);

    const { admin, key, id, prefix } = await newKey(["leads:read"]);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row.hash).not.toContain(key.slice(13));
    expect(JSON.stringify(row)).not.toContain(key);
    const list = await call(keyListRoute.GET, { path: "/api/v1/api-keys", cookie: admin.cookie });
    const listed = list.json.items.find((k: { id: string }) => k.id === id);
    expect(listed).toMatchObject({ prefix, state: "active", scopes: ["leads:read"] });
    expect(JSON.stringify(list.json)).not.toContain(key);
    expect(await db.auditEvent.count({ where: { action: "api_key.created", targetId: id } })).toBe(1);
  });

  it("reach only the routes their scopes allow, never a session's", async () => {
    const { key } = await newKey(["leads:read"]);
    const headers = bearer(key);
    expect((await call(leadsRoute.GET, { path: "/api/v1/leads", headers })).status).toBe(200);
    const write = await call(leadsRoute.POST, { path: "/api/v1/leads", headers, body: { name: "A", phone: uniquePhone() } });
    expect(write.status).toBe(403);
    expect(write.json.error.fields).toEqual({ scope: "needs leads:write" });
    expect((await call(callRoute.GET, { path: "/api/v1/calls", headers })).status).toBe(403);
    // A route that names no scope refuses every key.
    const tasks = await call(tasksRoute.GET, { path: "/api/v1/tasks", headers });
    expect(tasks.status).toBe(403);
    expect(tasks.json.error.fields).toEqual({ scope: "no API access" });
    expect((await call(keyListRoute.GET, { path: "/api/v1/api-keys", headers })).status).toBe(403);
    // Unknown, mistyped or missing keys are 401.
    expect((await call(leadsRoute.GET, { path: "/api/v1/leads", headers: bearer(`${key.slice(0, -1)}x`) })).status).toBe(401);
    expect((await call(leadsRoute.GET, { path: "/api/v1/leads", headers: bearer("nonsense") })).status).toBe(401);
    expect(await db.auditEvent.count({ where: { action: "api_key.refused" } })).toBeGreaterThanOrEqual(3);
  });

  it("create leads as themselves (via API key <name>), without CSRF rules, and find a person already on file", async () => {
    const { key, name } = await newKey(["leads:write", "leads:read"]);
    const phone = uniquePhone();
    const created = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      headers: { ...bearer(key), origin: "https://zapier.example", "sec-fetch-site": "cross-site" },
      body: { name: "Asha Rao", phone, source: "Zapier", message: "2BHK in Pune?", consent: true, utm: { source: "google" } },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "Asha Rao", phone, source: "Zapier", enquiredAgain: false });
    const lead = await db.lead.findUniqueOrThrow({ where: { id: created.json.id } });
    expect(lead).toMatchObject({ consentMethod: "WEB_FORM", attribution: { utmSource: "google" } });
    const made = await db.activity.findFirstOrThrow({ where: { leadId: lead.id, type: "LEAD_CREATED" } });
    expect(made).toMatchObject({ actorId: null, payload: expect.objectContaining({ via: `API key ${name}` }) });
    expect(await db.activity.count({ where: { leadId: lead.id, type: "NOTE" } })).toBe(1);

    const again = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      headers: bearer(key),
      body: { name: "Asha", phone, email: "asha@example.com" },
    });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: lead.id, enquiredAgain: true, email: "asha@example.com", name: "Asha Rao" });
    const read = await call(leadRoute.GET, { path: `/api/v1/leads/${lead.id}`, headers: bearer(key), params: { id: lead.id } });
    expect(read.status).toBe(200);
    const bad = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      headers: bearer(key),
      body: { name: "Nepal", phone: "+977 9841234567" },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields.phone).toMatch(/Nepal/);
  });

  it("stop working when revoked or expired, and say so in the audit log", async () => {
    const { admin, key, id } = await newKey(["leads:read"]);
    const revoked = await call(keysRoute.DELETE, {
      path: `/api/v1/api-keys/${id}`,
      method: "DELETE",
      cookie: admin.cookie,
      params: { id },
    });
    expect(revoked.status).toBe(200);
    expect((await call(leadsRoute.GET, { path: "/api/v1/leads", headers: bearer(key) })).status).toBe(401);
    expect(await db.auditEvent.count({ where: { action: "api_key.revoked", targetId: id } })).toBe(1);

    const soon = await newKey(["leads:read"], { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await db.apiKey.update({ where: { id: soon.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(leadsRoute.GET, { path: "/api/v1/leads", headers: bearer(soon.key) })).status).toBe(401);
    const why = await db.auditEvent.findFirstOrThrow({ where: { action: "api_key.refused", targetId: soon.id } });
    expect(why.after).toEqual({ why: "expired" });
  });

  it("are rate limited per key in PostgreSQL: 429 with Retry-After", async () => {
    env.API_KEY_RATE_LIMIT_PER_MINUTE = 3;
    const { key } = await newKey(["leads:read"]);
    const other = await newKey(["leads:read"]);
    for (let i = 0; i < 3; i++)
      expect((await call(leadsRoute.GET, { path: "/api/v1/leads?limit=1", headers: bearer(key) })).status).toBe(200);
    const limited = await call(leadsRoute.GET, { path: "/api/v1/leads?limit=1", headers: bearer(key) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call(leadsRoute.GET, { path: "/api/v1/leads?limit=1", headers: bearer(other.key) })).status).toBe(200);
  });

  it("Idempotency-Key: 20 concurrent identical creates make one lead and one answer; another body with the key is a 422", async () => {
    const { key } = await newKey(["leads:write"]);
    const phone = uniquePhone();
    const headers = { ...bearer(key), "idempotency-key": `order-${phone}` };
    const body = { name: "Ravi Kumar", phone, source: "Website" };
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(leadsRoute.POST, { path: "/api/v1/leads", headers, body })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(19);
    expect(await db.lead.count({ where: { phone } })).toBe(1);
    expect(await db.activity.count({ where: { lead: { phone }, type: "ENQUIRED_AGAIN" } })).toBe(0);
    const other = await call(leadsRoute.POST, { path: "/api/v1/leads", headers, body: { ...body, name: "Someone else" } });
    expect(other.status).toBe(422);
    expect(other.json.error.fields).toHaveProperty("idempotency-key");
  });
});
