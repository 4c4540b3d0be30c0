// The first-response clock's steps with two workers sweeping at once: one reminder, one escalation
// per clock; a breach moves the lead to the next agent by its rule (then the new owner's clock
// runs), or alerts the manager; a call stops the clock (the trigger on call).
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { MAX_REASSIGNMENTS, sweepFirstResponses } from "./sweep";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function team(onBreach: "REASSIGN" | "ALERT_MANAGER") {
  const manager = await makeUser({ role: "MANAGER" });
  const a = await makeUser({ managerId: manager.user.id });
  const b = await makeUser({ managerId: manager.user.id });
  await db.user.updateMany({ where: { id: { in: [a.user.id, b.user.id] } }, data: { lastSeenAt: new Date() } });
  const source = `Speed ${Math.random()
    .toString(36)
    .replace(/[^a-z]/g, "")}`;
  const rule = await db.routingRule.create({
    data: {
      name: `Team of ${manager.user.name}`,
      position: 0,
      conditions: { sources: [source] },
      target: "ROUND_ROBIN",
      targetUserId: manager.user.id,
      onBreach,
    },
  });
  // A fallback too, as the rules page always keeps one (other files' leads meet only it).
  const fallback = await db.routingRule.create({ data: { name: "Everyone else", position: 1, isFallback: true, target: "ROUND_ROBIN" } });
  cleanups.push(() => db.routingRule.deleteMany({ where: { id: { in: [rule.id, fallback.id] } } }));
  return { manager, a, b, rule, source };
}

const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);
const twoWorkers = (now: Date) => Promise.all([sweepFirstResponses({ now }), sweepFirstResponses({ now })]);

async function waitingLead(t: Awaited<ReturnType<typeof team>>, now: Date) {
  const lead = await makeLead({ ownerId: t.a.user.id });
  return db.lead.update({
    where: { id: lead.id },
    data: { source: t.source, routedByRuleId: t.rule.id, firstResponseRemindAt: minutes(3, now), firstResponseDueAt: minutes(5, now) },
  });
}

const steps = (leadId: string) =>
  db.activity.findMany({ where: { leadId, type: { in: ["FIRST_RESPONSE", "ASSIGNMENT"] } }, orderBy: { createdAt: "asc" } });

describe("the first-response clock's steps", () => {
  it("reminds once, then moves the lead to the next agent by its rule once; the new owner's clock runs", async () => {
    const t = await team("REASSIGN");
    const start = new Date();
    const lead = await waitingLead(t, start);

    // (The sweep is the floor's: other files' leads in this database may have steps due too; only this lead's are counted.)
    await twoWorkers(minutes(1, start));
    expect(await steps(lead.id)).toEqual([]);
    await twoWorkers(minutes(3.5, start));
    expect((await steps(lead.id)).map((s) => (s.payload as { step: string }).step)).toEqual(["reminder"]);

    await twoWorkers(minutes(5.5, start));
    const moved = await db.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(moved).toMatchObject({ ownerId: t.b.user.id, reassignments: 1 });
    expect(moved.firstResponseDueAt!.getTime()).toBe(minutes(5, minutes(5.5, start)).getTime());
    const after = await steps(lead.id);
    expect(after.map((s) => s.type)).toEqual(["FIRST_RESPONSE", "FIRST_RESPONSE", "ASSIGNMENT"]);
    expect(after[1]!.payload).toMatchObject({ step: "breach", action: "REASSIGN", fromName: t.a.user.name, toName: t.b.user.name });
    expect(await db.auditEvent.count({ where: { action: "lead.first_response_breached", targetId: lead.id } })).toBe(1);

    // The same moment again changes nothing; the new owner gets their own reminder, once.
    await twoWorkers(minutes(5.5, start));
    expect(await steps(lead.id)).toHaveLength(3);
    await twoWorkers(minutes(9, start));
    const last = await steps(lead.id);
    expect(last).toHaveLength(4);
    expect(last[3]!.payload).toMatchObject({ step: "reminder", ownerName: t.b.user.name });
  });

  it("a call stops the clock: no reminder, no escalation", async () => {
    const t = await team("REASSIGN");
    const start = new Date();
    const lead = await waitingLead(t, start);
    await db.call.create({
      data: { leadId: lead.id, agentId: t.a.user.id, direction: "OUTBOUND", status: "INITIATED", startedAt: minutes(1, start) },
    });
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).firstCallAt).toEqual(minutes(1, start));
    await twoWorkers(minutes(10, start));
    expect(await steps(lead.id)).toEqual([]);
  });

  it("alerts the manager with a task when the rule says so, once", async () => {
    const t = await team("ALERT_MANAGER");
    const start = new Date();
    const lead = await waitingLead(t, start);
    await twoWorkers(minutes(6, start));
    expect(await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ ownerId: t.a.user.id, reassignments: 0 });
    const tasks = await db.task.findMany({ where: { leadId: lead.id, assigneeId: t.manager.user.id } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.title).toMatch(/^First call overdue/);
    expect((await steps(lead.id)).map((s) => s.payload)).toEqual([
      expect.objectContaining({ step: "breach", action: "ALERT_MANAGER", managerName: t.manager.user.name }),
    ]);
  });

  it(`after ${MAX_REASSIGNMENTS} moves, alerts the manager instead`, async () => {
    const t = await team("REASSIGN");
    const start = new Date();
    const lead = await waitingLead(t, start);
    await db.lead.update({ where: { id: lead.id }, data: { reassignments: MAX_REASSIGNMENTS } });
    await twoWorkers(minutes(6, start));
    expect(await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ ownerId: t.a.user.id });
    expect(await db.task.count({ where: { leadId: lead.id, assigneeId: t.manager.user.id } })).toBe(1);
  });
});
