import { describe, expect, it } from "vitest";
import * as dispositionRoute from "@/app/api/v1/calls/[id]/disposition/route";
import * as assignRoute from "@/app/api/v1/leads/assign/route";
import * as tasksRoute from "@/app/api/v1/tasks/route";
import { db } from "@/lib/db";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { restoreEnvAfterEach, session } from "@/scripts/test/sessions";

restoreEnvAfterEach();

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
