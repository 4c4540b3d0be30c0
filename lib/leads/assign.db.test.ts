import { describe, expect, it } from "vitest";
import * as assignRoute from "@/app/api/v1/leads/assign/route";
import { db } from "@/lib/db";
import { assignLeads, setRoundRobin } from "@/lib/leads/assign";
import { createLead } from "@/lib/leads/create-lead";
import { makeLead, makeUser, TEST_PASSWORD, uniquePhone } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";

describe("assignment", () => {
  it("managers assign within their team, with an ASSIGNMENT entry per lead; not across teams; agents cannot", async () => {
    const { user: manager, actor: managerActor } = await makeUser({ role: "MANAGER" });
    const { user: mine } = await makeUser({ managerId: manager.id });
    const { user: elsewhere } = await makeUser();
    const leads = await Promise.all([makeLead(), makeLead(), makeLead({ ownerId: mine.id })]);
    const result = await assignLeads({ actor: managerActor, input: { leadIds: leads.map((l) => l.id), ownerId: mine.id } });
    expect(result).toEqual({ assigned: 2, unchanged: 1 });
    expect(await db.lead.count({ where: { id: { in: leads.map((l) => l.id) }, ownerId: mine.id } })).toBe(3);
    const entries = await db.activity.findMany({ where: { leadId: { in: leads.map((l) => l.id) }, type: "ASSIGNMENT" } });
    expect(entries).toHaveLength(2);
    expect(entries[0]!.payload).toMatchObject({ to: mine.id, toName: mine.name });

    const cookie = await signIn(manager.email, TEST_PASSWORD);
    const across = await call(assignRoute.POST, {
      path: "/api/v1/leads/assign",
      method: "POST",
      cookie,
      body: { leadIds: [leads[0]!.id], ownerId: elsewhere.id },
    });
    expect(across.status).toBe(422);
    expect(across.json.error.fields.ownerId).toMatch(/team/);
    const empty = await call(assignRoute.POST, {
      path: "/api/v1/leads/assign",
      method: "POST",
      cookie,
      body: { leadIds: [], ownerId: mine.id },
    });
    expect(empty.json.error.fields.leadIds).toBeTruthy();
    const agentCookie = await signIn(mine.email, TEST_PASSWORD);
    expect(
      (
        await call(assignRoute.POST, {
          path: "/api/v1/leads/assign",
          method: "POST",
          cookie: agentCookie,
          body: { leadIds: [leads[0]!.id], ownerId: mine.id },
        })
      ).status,
    ).toBe(404);
  });

  it("round-robin hands new unowned leads to active agents in turn", async () => {
    const { actor: admin } = await makeUser({ role: "ADMIN" });
    await db.user.updateMany({ where: { role: "AGENT" }, data: { active: false } });
    const a = await makeUser();
    const b = await makeUser();
    await makeUser({ active: false });
    try {
      await setRoundRobin({ actor: admin, input: { enabled: true } });
      const owners = [];
      for (let i = 0; i < 4; i++)
        owners.push((await createLead({ actor: admin, input: { name: `RR ${i}`, phone: uniquePhone() } })).owner?.id);
      const ids = [a.user.id, b.user.id].sort();
      expect(owners).toEqual([ids[0], ids[1], ids[0], ids[1]]);
      // Naming an owner (or none, explicitly) bypasses the turn.
      expect((await createLead({ actor: admin, input: { name: "Explicit", phone: uniquePhone(), ownerId: null } })).owner).toBeNull();
    } finally {
      await setRoundRobin({ actor: admin, input: { enabled: false } });
    }
  });
});
