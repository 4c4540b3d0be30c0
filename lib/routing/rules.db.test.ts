// Routing rules through the API: the fallback made once (also when many ask at once), always last and
// never deleted; positions kept dense as rules are added, moved and deleted; who may give leads to
// whom (422 naming the field), custom field conditions, what managers and agents may do, the audit
// log, "test a rule", and the speed-to-lead settings. Rules, the speed setting and this file's custom
// fields are removed after each test: a rule left behind would change other files' lead assignment.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as ruleRoute from "@/app/api/v1/routing-rules/[id]/route";
import * as rulesRoute from "@/app/api/v1/routing-rules/route";
import * as testRoute from "@/app/api/v1/routing-rules/test/route";
import * as speedRoute from "@/app/api/v1/settings/speed-to-lead/route";
import { db } from "@/lib/db";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { session } from "@/scripts/test/sessions";
import { FALLBACK_NAME, listRoutingRules } from "./rules";

const fieldKeys: string[] = [];
const clean = async () => {
  await db.routingRule.deleteMany({});
  await db.appSetting.deleteMany({ where: { key: "speedToLead" } });
  await db.customField.deleteMany({ where: { key: { in: fieldKeys.splice(0) } } });
};
beforeEach(clean);
afterEach(clean);

type Cookie = { cookie: string };
const list = async (who: Cookie) => {
  const res = await call(rulesRoute.GET, { path: "/api/v1/routing-rules", cookie: who.cookie });
  expect(res.status).toBe(200);
  return res.json as { items: { id: string; name: string; position: number; isFallback: boolean; editable: boolean }[]; sources: string[] };
};
const create = (who: Cookie, body: Record<string, unknown>) =>
  call(rulesRoute.POST, { path: "/api/v1/routing-rules", cookie: who.cookie, body: { target: "ROUND_ROBIN", ...body } });
const patch = (who: Cookie, id: string, body: Record<string, unknown>) =>
  call(ruleRoute.PATCH, { path: `/api/v1/routing-rules/${id}`, method: "PATCH", cookie: who.cookie, params: { id }, body });
const remove = (who: Cookie, id: string) =>
  call(ruleRoute.DELETE, { path: `/api/v1/routing-rules/${id}`, method: "DELETE", cookie: who.cookie, params: { id } });
const names = async (who: Cookie) => (await list(who)).items.map((r) => r.name);
/** Positions as stored: dense, the fallback last. */
const stored = async () =>
  (await db.routingRule.findMany({ orderBy: { position: "asc" }, select: { name: true, position: true } })).map(
    (r) => `${r.position}:${r.name}`,
  );

async function field(archived = false) {
  const key = `f_${randomUUID().slice(0, 8)}`;
  fieldKeys.push(key);
  await db.customField.create({ data: { key, label: "City", type: "TEXT", archivedAt: archived ? new Date() : null } });
  return key;
}

describe("the fallback", () => {
  it("is made by the first list, once, also when several lists come at once", async () => {
    const admin = await session("ADMIN");
    await Promise.all(Array.from({ length: 6 }, () => listRoutingRules({ actor: admin.actor })));
    const fallbacks = await db.routingRule.findMany({ where: { isFallback: true } });
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0]).toMatchObject({
      name: FALLBACK_NAME,
      target: "ROUND_ROBIN",
      targetUserId: null,
      onBreach: "REASSIGN",
      enabled: true,
    });
    expect((await list(admin)).items).toMatchObject([{ name: FALLBACK_NAME, isFallback: true, position: 0, editable: true }]);
    expect(await db.auditEvent.count({ where: { action: "routing_rule.created", targetId: fallbacks[0]!.id } })).toBe(1);
  });

  it("cannot be deleted (409 naming it), given conditions, a place or switched off; its name, target and escalation change", async () => {
    const admin = await session("ADMIN");
    const manager = (await makeUser({ role: "MANAGER" })).user;
    const fb = (await list(admin)).items[0]!;
    const refused = await remove(admin, fb.id);
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain(`“${FALLBACK_NAME}”`);
    expect((await patch(admin, fb.id, { conditions: { sources: ["IndiaMART"] } })).json.error.fields).toHaveProperty("conditions");
    expect((await patch(admin, fb.id, { position: 0 })).json.error.fields).toHaveProperty("position");
    expect((await patch(admin, fb.id, { enabled: false })).status).toBe(422);
    const changed = await patch(admin, fb.id, {
      name: "The rest",
      target: "LEAST_LOADED",
      targetUserId: manager.id,
      onBreach: "ALERT_MANAGER",
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      name: "The rest",
      target: "LEAST_LOADED",
      targetUser: { id: manager.id, name: manager.name },
      onBreach: "ALERT_MANAGER",
      isFallback: true,
    });
    expect(await db.routingRule.count({ where: { isFallback: true } })).toBe(1);
  });
});

describe("order", () => {
  it("adds before the fallback or at a position, moves, deletes: positions stay dense and the fallback last", async () => {
    const admin = await session("ADMIN");
    const a = await create(admin, { name: "A" });
    expect(a.status).toBe(201);
    expect(a.json).toMatchObject({ name: "A", position: 0, editable: true, teamManager: null });
    const b = await create(admin, { name: "B", position: 0 });
    expect(b.json.position).toBe(0);
    const c = await create(admin, { name: "C", position: 1 });
    await create(admin, { name: "D", position: 500 });
    expect(await names(admin)).toEqual(["B", "C", "A", "D", FALLBACK_NAME]);
    expect(await stored()).toEqual(["0:B", "1:C", "2:A", "3:D", `4:${FALLBACK_NAME}`]);

    const moved = await patch(admin, b.json.id, { position: 2 });
    expect(moved.status).toBe(200);
    expect(moved.json.position).toBe(2);
    expect(await names(admin)).toEqual(["C", "A", "B", "D", FALLBACK_NAME]);
    expect((await patch(admin, c.json.id, { position: 99 })).json.position).toBe(3);
    expect(await stored()).toEqual(["0:A", "1:B", "2:D", "3:C", `4:${FALLBACK_NAME}`]);

    expect((await remove(admin, a.json.id)).status).toBe(204);
    expect(await stored()).toEqual(["0:B", "1:D", "2:C", `3:${FALLBACK_NAME}`]);
    expect((await remove(admin, a.json.id)).status).toBe(404);
  });

  it("counts the leads each rule gave out in the last 7 days", async () => {
    const admin = await session("ADMIN");
    const r = await create(admin, { name: "Counted" });
    for (let i = 0; i < 2; i++) {
      const l = await makeLead();
      await db.lead.update({ where: { id: l.id }, data: { routedByRuleId: r.json.id } });
    }
    const old = await makeLead();
    await db.lead.update({ where: { id: old.id }, data: { routedByRuleId: r.json.id, createdAt: new Date(Date.now() - 8 * 86400_000) } });
    const item = (await list(admin)).items.find((i) => i.id === r.json.id) as unknown as { leadsLast7Days: number };
    expect(item.leadsLast7Days).toBe(2);
  });
});

describe("validation", () => {
  it("who a rule gives leads to, named on targetUserId", async () => {
    const admin = await session("ADMIN");
    const manager = (await makeUser({ role: "MANAGER" })).user;
    const agent = (await makeUser({ managerId: manager.id })).user;
    const gone = (await makeUser({ active: false })).user;
    const cases: [Record<string, unknown>, string][] = [
      [{ target: "USER" }, "choose who gets the leads"],
      [{ target: "USER", targetUserId: gone.id }, "is not an active user"],
      [{ target: "USER", targetUserId: "nobody" }, "is not an active user"],
      [{ target: "MANAGER_QUEUE", targetUserId: agent.id }, "must be a manager or an admin"],
      [{ target: "MANAGER_QUEUE" }, "choose whose queue"],
      [{ target: "ROUND_ROBIN", targetUserId: agent.id }, "must be a manager (their team) or empty (every agent)"],
      [{ target: "LEAST_LOADED", targetUserId: admin.user.id }, "must be a manager (their team) or empty (every agent)"],
    ];
    for (const [body, message] of cases) {
      const res = await create(admin, { name: "X", ...body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.fields).toEqual({ targetUserId: message });
    }
    for (const body of [
      { target: "USER", targetUserId: agent.id },
      { target: "MANAGER_QUEUE", targetUserId: admin.user.id },
      { target: "LEAST_LOADED", targetUserId: manager.id },
      { target: "ROUND_ROBIN", targetUserId: null },
    ])
      expect((await create(admin, { name: "Fine", ...body })).status, JSON.stringify(body)).toBe(201);
    // A change of target alone is checked with the rule's person.
    const r = await create(admin, { name: "Team", target: "ROUND_ROBIN", targetUserId: manager.id });
    expect((await patch(admin, r.json.id, { target: "MANAGER_QUEUE" })).status).toBe(200);
    expect((await patch(admin, r.json.id, { targetUserId: agent.id })).json.error.fields).toEqual({
      targetUserId: "must be a manager or an admin",
    });
  });

  it("conditions: fields in use only (422 naming conditions.fields.<key>), the schema's own checks, empty lists dropped", async () => {
    const admin = await session("ADMIN");
    const city = await field();
    const old = await field(true);
    const bad = await create(admin, { name: "X", conditions: { fields: { [city]: ["Pune"], [old]: ["x"], nope: ["y"] } } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields).toEqual({
      [`conditions.fields.${old}`]: "is not a lead field in use",
      "conditions.fields.nope": "is not a lead field in use",
    });
    const hours = await create(admin, { name: "X", conditions: { hours: { from: "25:00", to: "10:00" } } });
    expect(Object.keys(hours.json.error.fields)).toEqual(["conditions.hours.from"]);
    expect((await create(admin, { name: "X", conditions: { hours: { from: "10:00", to: "10:00" } } })).json.error.fields).toEqual({
      "conditions.hours.to": "must differ from the start",
    });
    expect((await create(admin, { name: " ", target: "ROUND_ROBIN" })).json.error.fields).toHaveProperty("name");
    const good = await create(admin, {
      name: "Pune",
      conditions: { sources: [], fields: { [city]: ["Pune"] }, hours: { from: "22:00", to: "06:00", days: [5, 1, 5] } },
    });
    expect(good.status).toBe(201);
    expect(good.json.conditions).toEqual({ fields: { [city]: ["Pune"] }, hours: { from: "22:00", to: "06:00", days: [1, 5] } });
  });
});

describe("roles", () => {
  it("agents get 404 for everything", async () => {
    const agent = await session("AGENT");
    const admin = await session("ADMIN");
    const r = await create(admin, { name: "A" });
    expect((await call(rulesRoute.GET, { path: "/api/v1/routing-rules", cookie: agent.cookie })).status).toBe(404);
    expect((await create(agent, { name: "Mine" })).status).toBe(404);
    expect((await patch(agent, r.json.id, { name: "Mine" })).status).toBe(404);
    expect((await remove(agent, r.json.id)).status).toBe(404);
    const test = await call(testRoute.POST, { path: "/api/v1/routing-rules/test", cookie: agent.cookie, body: { lead: {} } });
    expect(test.status).toBe(404);
    expect((await call(speedRoute.GET, { path: "/api/v1/settings/speed-to-lead", cookie: agent.cookie })).status).toBe(404);
  });

  it("managers add and change their own team's rules only, and read everyone's", async () => {
    const admin = await session("ADMIN");
    const manager = await session("MANAGER");
    const mine = (await makeUser({ managerId: manager.user.id })).user;
    const otherManager = (await makeUser({ role: "MANAGER" })).user;
    const theirs = (await makeUser({ managerId: otherManager.id })).user;
    const floor = await create(admin, { name: "Floor" });

    const team = await create(manager, { name: "My team", target: "LEAST_LOADED", targetUserId: manager.user.id });
    expect(team.status).toBe(201);
    expect(team.json).toMatchObject({ teamManager: { id: manager.user.id }, editable: true });
    expect((await create(manager, { name: "Asha", target: "USER", targetUserId: mine.id })).status).toBe(201);
    expect((await create(manager, { name: "Queue", target: "MANAGER_QUEUE", targetUserId: manager.user.id })).status).toBe(201);
    for (const body of [
      { target: "USER", targetUserId: theirs.id },
      { target: "ROUND_ROBIN", targetUserId: null },
      { target: "ROUND_ROBIN", targetUserId: otherManager.id },
      { target: "MANAGER_QUEUE", targetUserId: admin.user.id },
    ]) {
      const res = await create(manager, { name: "Not mine", ...body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(res.json.error.fields)).toEqual(["targetUserId"]);
    }

    const seen = await list(manager);
    expect(seen.items.map((r) => [r.name, r.editable])).toEqual([
      ["Floor", false],
      ["My team", true],
      ["Asha", true],
      ["Queue", true],
      [FALLBACK_NAME, false],
    ]);
    const fb = seen.items.at(-1)!;
    expect((await patch(manager, floor.json.id, { name: "Mine now" })).status).toBe(403);
    expect((await patch(manager, fb.id, { onBreach: "ALERT_MANAGER" })).status).toBe(403);
    expect((await remove(manager, floor.json.id)).status).toBe(403);
    expect((await patch(manager, team.json.id, { targetUserId: otherManager.id })).status).toBe(422);
    expect((await patch(manager, team.json.id, { name: "Pune team", position: 0, enabled: false })).json).toMatchObject({
      name: "Pune team",
      position: 0,
      enabled: false,
    });
    expect((await remove(manager, team.json.id)).status).toBe(204);
    // An admin changes a manager's rule as any other.
    const asha = seen.items.find((r) => r.name === "Asha")!;
    expect((await patch(admin, asha.id, { target: "USER", targetUserId: theirs.id })).status).toBe(200);
    expect((await patch(manager, asha.id, { name: "Back" })).status).toBe(403);
  });
});

describe("the audit log", () => {
  it("has each change with who made it", async () => {
    const admin = await session("ADMIN");
    const r = await create(admin, { name: "Audited" });
    await patch(admin, r.json.id, { name: "Audited twice", onBreach: "ALERT_MANAGER" });
    await patch(admin, r.json.id, { name: "Audited twice" });
    await remove(admin, r.json.id);
    const entries = await db.auditEvent.findMany({ where: { targetId: r.json.id }, orderBy: { at: "asc" } });
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ["routing_rule.created", admin.user.id],
      ["routing_rule.updated", admin.user.id],
      ["routing_rule.deleted", admin.user.id],
    ]);
    expect(entries[1]!.before).toEqual({ name: "Audited", onBreach: "REASSIGN" });
    expect(entries[1]!.after).toEqual({ name: "Audited twice", onBreach: "ALERT_MANAGER" });
  });
});

describe("test a rule", () => {
  it("answers who, by which rule and why, and assigns nothing", async () => {
    const manager = await session("MANAGER");
    const asha = (await makeUser({ managerId: manager.user.id })).user;
    await db.user.update({ where: { id: asha.id }, data: { lastSeenAt: new Date() } });
    const r = await create(manager, { name: "IndiaMART", target: "USER", targetUserId: asha.id, conditions: { sources: ["IndiaMART"] } });
    const body = {
      lead: { source: "IndiaMART", subSource: "Steel pipes", fields: {}, phone: "98765 43210", at: "2026-12-07T10:00:00+05:30" },
    };
    const res = await call(testRoute.POST, { path: "/api/v1/routing-rules/test", cookie: manager.cookie, body });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      userId: asha.id,
      userName: asha.name,
      ruleId: r.json.id,
      ruleName: "IndiaMART",
      reason: "conditions met; named agent",
    });
    expect(await db.lead.count({ where: { ownerId: asha.id } })).toBe(0);
    const bad = await call(testRoute.POST, { path: "/api/v1/routing-rules/test", cookie: manager.cookie, body: { lead: { at: "soon" } } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields)).toEqual(["lead.at"]);
  });
});

describe("speed-to-lead settings", () => {
  it("managers read them, admins change them (422 naming the field; audited); others 404", async () => {
    const admin = await session("ADMIN");
    const manager = await session("MANAGER");
    const read = await call(speedRoute.GET, { path: "/api/v1/settings/speed-to-lead", cookie: manager.cookie });
    expect(read.json).toMatchObject({ defaultTargetMinutes: 5, targets: {}, capacity: null, dialerNewLeadsFirst: true });
    const path = "/api/v1/settings/speed-to-lead";
    expect((await call(speedRoute.PATCH, { path, method: "PATCH", cookie: manager.cookie, body: { capacity: 3 } })).status).toBe(404);
    const bad = await call(speedRoute.PATCH, { path, method: "PATCH", cookie: admin.cookie, body: { remindAtShare: 2, capacity: 0 } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["capacity", "remindAtShare"]);
    const body = { targets: { IndiaMART: 2 }, capacity: 8, awayAfterMinutes: null };
    const saved = await call(speedRoute.PATCH, { path, method: "PATCH", cookie: admin.cookie, body });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ defaultTargetMinutes: 5, targets: { IndiaMART: 2 }, capacity: 8, awayAfterMinutes: null });
    expect((await call(speedRoute.GET, { path, cookie: manager.cookie })).json).toEqual(saved.json);
    const entry = await db.auditEvent.findFirst({ where: { action: "settings.updated", targetId: "speedToLead", actorId: admin.user.id } });
    expect(entry?.after).toEqual(body);
  });
});
