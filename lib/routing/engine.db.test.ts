// The routing engine through route() (a real assignment, the turn moves) and dryRun() ("test a
// rule"): conditions (source, sub-source, custom field, hours across midnight and weekdays), each
// target, agents skipped on a break, away or at capacity, the fallback when nobody is available,
// and 40 decisions at once giving four agents ten each. Every rule and agent here is this file's
// own (a fresh manager's team), and the rules and the speed setting are removed after each test:
// a rule left behind would change other files' lead assignment.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { dryRun, type RoutedLead, route } from "./engine";
import type { SpeedSettings } from "./schemas";
import { DEFAULT_SPEED_SETTINGS } from "./settings";

const clean = () => Promise.all([db.routingRule.deleteMany({}), db.appSetting.deleteMany({ where: { key: "speedToLead" } })]);
beforeEach(clean);
afterEach(clean);

/** A fresh manager and `n` agents of theirs, seen just now (not away), ordered as the turn goes (by id). */
async function team(n: number) {
  const manager = (await makeUser({ role: "MANAGER" })).user;
  const agents = [];
  for (let i = 0; i < n; i++) agents.push((await makeUser({ managerId: manager.id })).user);
  await db.user.updateMany({ where: { id: { in: agents.map((a) => a.id) } }, data: { lastSeenAt: new Date() } });
  return { manager, agents: agents.sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

type RuleData = Omit<Prisma.RoutingRuleUncheckedCreateInput, "position"> & { position?: number };
let position = 0;
const rule = (data: RuleData) => db.routingRule.create({ data: { position: position++, ...data } });
/** The fallback, aimed at a team of this file so other files' agents never take a lead here. */
const fallback = (managerId: string, data: Partial<RuleData> = {}) =>
  rule({ name: "Everyone else", isFallback: true, target: "ROUND_ROBIN", targetUserId: managerId, position: 99, ...data });

const speed = (patch: Partial<SpeedSettings>) => {
  const value = { ...DEFAULT_SPEED_SETTINGS, ...patch };
  return db.appSetting.upsert({ where: { key: "speedToLead" }, create: { key: "speedToLead", value }, update: { value } });
};

const lead = (over: Partial<RoutedLead> = {}): RoutedLead => ({ source: "Website", subSource: null, fields: {}, at: new Date(), ...over });
const assign = (l: RoutedLead = lead()) => db.$transaction((tx) => route(tx, l));
/** An IST wall-clock time on a known week: 2026-12-07 is a Monday. */
const ist = (day: number, hhmm: string) => `2026-12-${String(6 + day).padStart(2, "0")}T${hhmm}:00+05:30`;

describe("conditions", () => {
  it("source (any case), sub-source containing a text, custom field values; the first rule that holds wins", async () => {
    const t = await team(3);
    const [a, b, c] = t.agents;
    await rule({
      name: "IndiaMART Pune",
      target: "USER",
      targetUserId: a!.id,
      conditions: { sources: ["IndiaMART"], fields: { city: ["Pune"] } },
    });
    await rule({ name: "Diwali forms", target: "USER", targetUserId: b!.id, conditions: { subSourceContains: "diwali" } });
    await fallback(t.manager.id, { target: "USER", targetUserId: c!.id });

    expect(await dryRun({ source: "indiamart", fields: { city: "pune" } })).toMatchObject({ userId: a!.id, ruleName: "IndiaMART Pune" });
    expect((await dryRun({ source: "IndiaMART", fields: { city: ["Mumbai", "Pune"] } })).userId).toBe(a!.id);
    expect((await dryRun({ source: "IndiaMART", fields: { city: "Mumbai" } })).userId).toBe(c!.id);
    expect((await dryRun({ source: "Website", subSource: "Big DIWALI sale form" })).userId).toBe(b!.id);
    const other = await dryRun({ source: "Website" });
    expect(other).toMatchObject({ userId: c!.id, ruleName: "Everyone else" });
    expect(other.reason).toMatch(/^no other rule applied/);
  });

  it("hours in India time, weekdays, and windows across midnight (the night belongs to the day it starts)", async () => {
    const t = await team(2);
    const [day, night] = t.agents;
    await rule({
      name: "Office hours",
      target: "USER",
      targetUserId: day!.id,
      conditions: { hours: { from: "09:00", to: "18:00", days: [1, 2, 3, 4, 5] } },
    });
    await rule({
      name: "Friday night",
      target: "USER",
      targetUserId: night!.id,
      conditions: { hours: { from: "22:00", to: "06:00", days: [5] } },
    });
    await fallback(t.manager.id, { target: "MANAGER_QUEUE" });
    const who = async (at: string) => (await dryRun({ source: "Website", at })).ruleName;

    expect(await who(ist(1, "09:00"))).toBe("Office hours");
    expect(await who(ist(1, "17:59"))).toBe("Office hours");
    expect(await who(ist(1, "18:00"))).toBe("Everyone else");
    expect(await who(ist(1, "08:59"))).toBe("Everyone else");
    expect(await who(ist(6, "10:00"))).toBe("Everyone else"); // Saturday
    // 03:30 UTC is 09:00 IST: the time of day is India's, whatever the server's zone.
    expect(await who("2026-12-08T03:30:00Z")).toBe("Office hours");

    expect(await who(ist(5, "23:00"))).toBe("Friday night");
    expect(await who(ist(6, "01:30"))).toBe("Friday night"); // Saturday early morning: Friday's night
    expect(await who(ist(6, "06:00"))).toBe("Everyone else");
    expect(await who(ist(5, "01:30"))).toBe("Everyone else"); // Friday early morning: Thursday's night
    expect(await who(ist(5, "21:59"))).toBe("Everyone else");
  });

  it("a rule switched off is passed over", async () => {
    const t = await team(2);
    await rule({ name: "Off", enabled: false, target: "USER", targetUserId: t.agents[0]!.id });
    await fallback(t.manager.id, { target: "USER", targetUserId: t.agents[1]!.id });
    expect((await dryRun({ source: "Website" })).userId).toBe(t.agents[1]!.id);
  });
});

describe("targets", () => {
  it("USER: the named person, every time", async () => {
    const t = await team(2);
    const r = await rule({ name: "Asha's", target: "USER", targetUserId: t.agents[1]!.id });
    await fallback(t.manager.id);
    for (let i = 0; i < 3; i++) expect(await assign()).toMatchObject({ userId: t.agents[1]!.id, ruleId: r.id });
    expect((await assign()).reason).toBe("conditions met; named agent");
  });

  it("ROUND_ROBIN: the turn moves with each lead and wraps; a dry run does not move it", async () => {
    const t = await team(3);
    const [a, b, c] = t.agents;
    const r = await rule({ name: "Team", target: "ROUND_ROBIN", targetUserId: t.manager.id });
    await fallback(t.manager.id);
    expect((await dryRun({ source: "Website" })).userId).toBe(a!.id);
    expect((await dryRun({ source: "Website" })).userId).toBe(a!.id);
    const given = [];
    for (let i = 0; i < 5; i++) given.push((await assign()).userId);
    expect(given).toEqual([a!.id, b!.id, c!.id, a!.id, b!.id]);
    expect((await db.routingRule.findUniqueOrThrow({ where: { id: r.id } })).lastUserId).toBe(b!.id);
    expect((await dryRun({ source: "Website" })).userId).toBe(c!.id);
  });

  it("LEAST_LOADED: the agent with the fewest open new leads (others' statuses do not count); ties go in turn", async () => {
    const t = await team(3);
    const [a, b, c] = t.agents;
    await makeLead({ ownerId: a!.id });
    await makeLead({ ownerId: a!.id });
    await makeLead({ ownerId: b!.id });
    await makeLead({ ownerId: c!.id, status: "CONTACTED" });
    await makeLead({ ownerId: c!.id, status: "WON" });
    await rule({ name: "Least", target: "LEAST_LOADED", targetUserId: t.manager.id });
    await fallback(t.manager.id);
    const first = await assign();
    expect(first).toMatchObject({ userId: c!.id });
    expect(first.reason).toBe("conditions met; fewest open new leads");
    await makeLead({ ownerId: c!.id });
    // b and c have one each now: the turn (after c) wraps to b.
    expect((await assign()).userId).toBe(b!.id);
  });

  it("MANAGER_QUEUE: the manager holds the lead, away or not", async () => {
    const t = await team(1);
    await speed({ awayAfterMinutes: 5 });
    await rule({ name: "Queue", target: "MANAGER_QUEUE", targetUserId: t.manager.id });
    await fallback(t.manager.id);
    expect(await assign()).toMatchObject({ userId: t.manager.id, ruleName: "Queue", reason: "conditions met; manager's queue" });
  });

  it("the whole floor: targetUserId null takes every active agent (the fallback's default)", async () => {
    const t = await team(1);
    await fallback(t.manager.id, { targetUserId: null });
    const d = await dryRun({ source: "Website" });
    expect(d.userId).not.toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: d.userId! } })).toMatchObject({ role: "AGENT", active: true });
  });
});

describe("who is available", () => {
  it("skips agents on a break, away longer than the setting, or at capacity, and says so", async () => {
    const t = await team(4);
    const [onBreak, away, full, free] = t.agents;
    await speed({ awayAfterMinutes: 10, capacity: 2 });
    await db.agentBreak.create({ data: { userId: onBreak!.id, reason: "Lunch" } });
    // A break that ended does not count.
    await db.agentBreak.create({ data: { userId: free!.id, reason: "Tea", endedAt: new Date() } });
    await db.user.update({ where: { id: away!.id }, data: { lastSeenAt: new Date(Date.now() - 20 * 60_000) } });
    await makeLead({ ownerId: full!.id });
    await makeLead({ ownerId: full!.id });
    await rule({ name: "Team", target: "ROUND_ROBIN", targetUserId: t.manager.id });
    await fallback(t.manager.id);
    const d = await assign();
    expect(d.userId).toBe(free!.id);
    expect(d.reason).toContain(`${onBreak!.name} on a break`);
    expect(d.reason).toContain(`${away!.name} away`);
    expect(d.reason).toContain(`${full!.name} at capacity`);
    expect((await assign()).userId).toBe(free!.id);

    // Never seen at all counts as away; no "away" setting: nobody is skipped for it.
    await db.user.update({ where: { id: away!.id }, data: { lastSeenAt: null } });
    expect((await dryRun({ source: "Website" })).reason).toContain(`${away!.name} away`);
    await speed({ awayAfterMinutes: null, capacity: null });
    expect((await dryRun({ source: "Website" })).reason).toBe("conditions met; next in turn; " + `${onBreak!.name} on a break`);
  });

  it("a rule with nobody available passes the lead on; with nobody available anywhere the fallback gives it in turn", async () => {
    const busy = await team(2);
    const rest = await team(2);
    await rule({ name: "Busy team", conditions: { sources: ["IndiaMART"] }, target: "ROUND_ROBIN", targetUserId: busy.manager.id });
    const fb = await fallback(rest.manager.id);
    for (const a of busy.agents) await db.agentBreak.create({ data: { userId: a.id, reason: "Training" } });

    const passed = await assign(lead({ source: "IndiaMART" }));
    expect(passed).toMatchObject({ userId: rest.agents[0]!.id, ruleId: fb.id });
    expect(passed.reason).toMatch(/^no other rule applied/);

    for (const a of rest.agents) await db.agentBreak.create({ data: { userId: a.id, reason: "Training" } });
    const given = [];
    for (let i = 0; i < 3; i++) given.push(await assign(lead({ source: "IndiaMART" })));
    expect(given.map((d) => d.userId)).toEqual([rest.agents[1]!.id, rest.agents[0]!.id, rest.agents[1]!.id]);
    expect(given[0]).toMatchObject({ ruleId: fb.id, ruleName: "Everyone else" });
    expect(given[0]!.reason).toBe("nobody available now (Busy team: nobody available; Everyone else: nobody available); given in turn");
  });

  it("a USER rule whose person is on a break falls through to the next rule", async () => {
    const t = await team(2);
    await rule({ name: "Asha's", target: "USER", targetUserId: t.agents[0]!.id });
    await fallback(t.manager.id, { target: "USER", targetUserId: t.agents[1]!.id });
    await db.agentBreak.create({ data: { userId: t.agents[0]!.id, reason: "Lunch" } });
    expect((await assign()).userId).toBe(t.agents[1]!.id);
  });
});

describe("decisions at once", () => {
  it("40 leads routed concurrently over a four-agent round-robin give each agent exactly 10", async () => {
    const t = await team(4);
    await rule({ name: "Team", target: "ROUND_ROBIN", targetUserId: t.manager.id });
    await fallback(t.manager.id);
    const decisions = await Promise.all(
      Array.from({ length: 40 }, () => db.$transaction((tx) => route(tx, lead()), { maxWait: 60_000, timeout: 60_000 })),
    );
    const counts = new Map<string, number>();
    for (const d of decisions) counts.set(d.userId!, (counts.get(d.userId!) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(t.agents.map((a) => [a.id, 10])));
  });
});
