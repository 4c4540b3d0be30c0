// GET /api/v1/leads/waiting through its route handler with real sessions: new leads nobody has
// called yet, scoped (an agent's own, a manager's team's, an admin's everyone's), by time left or
// by waiting time, and a lead drops out the moment a call to it is made.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeLead, makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import * as waitingRoute from "./route";

const MIN = 60_000;

async function person(role: "AGENT" | "MANAGER" | "ADMIN", managerId: string | null = null) {
  const made = await makeUser({ role, managerId });
  return { ...made, cookie: await signIn(made.user.email, TEST_PASSWORD) };
}

/** A lead of `ownerId` that arrived `agoMin` minutes ago with its first call due in `dueInMin` (negative: overdue). */
async function arrived(ownerId: string, name: string, agoMin: number, dueInMin: number, extra: { reassignments?: number } = {}) {
  const lead = await makeLead({ ownerId, name });
  return db.lead.update({
    where: { id: lead.id },
    data: {
      source: "Website",
      createdAt: new Date(Date.now() - agoMin * MIN),
      firstResponseDueAt: new Date(Date.now() + dueInMin * MIN),
      ...extra,
    },
  });
}

const get = (cookie: string, query = "") => call(waitingRoute.GET, { path: `/api/v1/leads/waiting${query}`, cookie });
const names = (json: { items: { name: string }[] }) => json.items.map((l) => l.name);

describe("GET /api/v1/leads/waiting", () => {
  it("answers 401 without a session and 422 naming a bad parameter", async () => {
    expect((await call(waitingRoute.GET, { path: "/api/v1/leads/waiting" })).status).toBe(401);
    const { cookie } = await person("AGENT");
    for (const [query, field] of [
      ["?limit=0", "limit"],
      ["?limit=abc", "limit"],
      ["?order=newest", "order"],
    ] as const) {
      const res = await get(cookie, query);
      expect(res.status, query).toBe(422);
      expect(Object.keys(res.json.error.fields)).toContain(field);
    }
  });

  it("an agent: their own leads not called yet, overdue first then by time left; called, closed and clockless ones are not", async () => {
    const manager = await person("MANAGER");
    const agent = await person("AGENT", manager.user.id);
    const colleague = await person("AGENT", manager.user.id);
    const soon = await arrived(agent.user.id, "Due in 2", 1, 2);
    const late = await arrived(agent.user.id, "Overdue", 9, -4, { reassignments: 2 });
    await arrived(agent.user.id, "Due in 4", 0, 4);
    await arrived(colleague.user.id, "Colleague's", 1, 3);
    await makeLead({ ownerId: agent.user.id, name: "No clock" });
    const won = await arrived(agent.user.id, "Won already", 2, 3);
    await db.lead.update({ where: { id: won.id }, data: { status: "WON" } });
    const called = await arrived(agent.user.id, "Called", 2, 3);
    await db.call.create({ data: { direction: "OUTBOUND", status: "RINGING", agentId: agent.user.id, leadId: called.id } });
    await db.activity.create({ data: { leadId: soon.id, type: "NOTE", payload: { body: "Do you have 2 BHK flats near Baner?" } } });
    await db.activity.create({ data: { leadId: late.id, type: "ENQUIRED_AGAIN", payload: { via: "Web form", message: "Still waiting" } } });

    const res = await get(agent.cookie);
    expect(res.status).toBe(200);
    expect(names(res.json)).toEqual(["Overdue", "Due in 2", "Due in 4"]);
    expect(res.json.total).toBe(3);
    expect(res.json.items[0]).toMatchObject({
      id: late.id,
      source: "Website",
      reassignments: 2,
      asked: "Still waiting",
      owner: { id: agent.user.id },
      firstResponse: { firstCallAt: null, breached: true },
    });
    expect(res.json.items[1]).toMatchObject({
      asked: "Do you have 2 BHK flats near Baner?",
      reassignments: 0,
      firstResponse: { breached: false },
    });
    expect(res.json.items[2].asked).toBeNull();

    // A call to it (the trigger sets its first call): the lead drops out at once.
    await db.call.create({ data: { direction: "OUTBOUND", status: "INITIATED", agentId: agent.user.id, leadId: late.id } });
    expect(names((await get(agent.cookie)).json)).toEqual(["Due in 2", "Due in 4"]);
    expect(names((await get(agent.cookie, "?limit=1")).json)).toEqual(["Due in 2"]);
    expect((await get(agent.cookie, "?limit=1")).json.total).toBe(2);
  });

  it("a manager: their team's and their own, not another team's; ?order=oldest puts the longest waiting first", async () => {
    const manager = await person("MANAGER");
    const a = await person("AGENT", manager.user.id);
    const b = await person("AGENT", manager.user.id);
    const otherManager = await person("MANAGER");
    const outsider = await person("AGENT", otherManager.user.id);
    await arrived(a.user.id, "A's, arrived 3 min ago", 3, 2);
    await arrived(b.user.id, "B's, arrived 10 min ago", 10, 5);
    await arrived(manager.user.id, "Manager's own", 1, 4);
    await arrived(outsider.user.id, "Other team's", 20, -15);

    const due = await get(manager.cookie);
    expect(names(due.json)).toEqual(["A's, arrived 3 min ago", "Manager's own", "B's, arrived 10 min ago"]);
    const oldest = await get(manager.cookie, "?order=oldest");
    expect(names(oldest.json)).toEqual(["B's, arrived 10 min ago", "A's, arrived 3 min ago", "Manager's own"]);
    expect(oldest.json.items[0].owner).toMatchObject({ id: b.user.id, name: b.user.name });
    // The other manager sees their own team's lead only.
    expect(names((await get(otherManager.cookie)).json)).toEqual(["Other team's"]);
    // An agent of the team sees only their own.
    expect(names((await get(b.cookie)).json)).toEqual(["B's, arrived 10 min ago"]);
  });

  it("an admin: everyone's, unassigned leads included", async () => {
    const admin = await person("ADMIN");
    const manager = await person("MANAGER");
    const agent = await person("AGENT", manager.user.id);
    const mine = await arrived(agent.user.id, "Someone's", 1, -600);
    const nobodys = await makeLead({ name: "Nobody's" });
    await db.lead.update({ where: { id: nobodys.id }, data: { firstResponseDueAt: new Date(Date.now() - 599 * MIN) } });
    const res = await get(admin.cookie, "?limit=200");
    const ids = res.json.items.map((l: { id: string }) => l.id);
    expect(ids).toEqual(expect.arrayContaining([mine.id, nobodys.id]));
    expect(ids.indexOf(mine.id)).toBeLessThan(ids.indexOf(nobodys.id));
  });
});
