// Who may move a lead and what a name may be: a manager changes the owner only of their team's
// leads (single and bulk alike), to their team or nobody; names have one schema everywhere (no
// control or invisible-only text, a length limit); users cannot rename themselves through
// better-auth's own endpoint (only an admin changes names, validated and audited).
import { describe, expect, it } from "vitest";
import * as leadRoute from "@/app/api/v1/leads/[id]/route";
import * as assignRoute from "@/app/api/v1/leads/assign/route";
import * as leadsRoute from "@/app/api/v1/leads/route";
import { makeLead, makeUser, TEST_PASSWORD, uniquePhone } from "../../scripts/test/factories";
import { call, signIn } from "../../scripts/test/http";
import { db } from "../db";
import { listActivities } from "../leads/activities";
import { auth } from "./better-auth";

describe("moving a lead", () => {
  it("is refused for a manager on another team's lead, single or bulk, to anyone or to nobody", async () => {
    const me = await makeUser({ role: "MANAGER", agentNumber: null });
    const mine = await makeUser({ managerId: me.user.id });
    const theirManager = await makeUser({ role: "MANAGER", agentNumber: null });
    const theirs = await makeUser({ managerId: theirManager.user.id });
    const lead = await makeLead({ ownerId: theirs.user.id });
    const cookie = await signIn(me.user.email, TEST_PASSWORD);
    for (const ownerId of [mine.user.id, null]) {
      const single = await call(leadRoute.PATCH, { path: "/x", method: "PATCH", cookie, params: { id: lead.id }, body: { ownerId } });
      const bulk = await call(assignRoute.POST, { path: "/x", cookie, body: { leadIds: [lead.id], ownerId } });
      expect([single.status, bulk.status]).toEqual([422, 422]);
      expect(single.json.error.fields).toHaveProperty("ownerId");
    }
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).ownerId).toBe(theirs.user.id);
    // Their own team's lead moves, single and bulk.
    const ours = await makeLead({ ownerId: mine.user.id });
    const moved = await call(leadRoute.PATCH, { path: "/x", method: "PATCH", cookie, params: { id: ours.id }, body: { ownerId: null } });
    expect(moved.status).toBe(200);
  });
});

describe("calls on a lead's timeline", () => {
  it("show a manager another team's call only as a call, as the calls API does", async () => {
    const me = await makeUser({ role: "MANAGER", agentNumber: null });
    const theirs = await makeUser({ managerId: (await makeUser({ role: "MANAGER", agentNumber: null })).user.id });
    const lead = await makeLead({ ownerId: theirs.user.id });
    const c = await db.call.create({
      data: { leadId: lead.id, agentId: theirs.user.id, direction: "OUTBOUND", status: "COMPLETED", customerNumber: lead.phone },
    });
    await db.activity.create({ data: { leadId: lead.id, type: "CALL", actorId: theirs.user.id, callId: c.id, payload: {} } });
    const seen = await listActivities({ actor: me.actor, leadId: lead.id, page: { limit: 10 } });
    const entry = seen.items.find((a) => a.type === "CALL");
    expect(entry?.call).toBeNull();
    expect(
      (await listActivities({ actor: theirs.actor, leadId: lead.id, page: { limit: 10 } })).items.find((a) => a.type === "CALL")?.call?.id,
    ).toBe(c.id);
  });
});

describe("names", () => {
  it("are refused without a visible character, stripped of control and bidi characters, and limited in length", async () => {
    const { user } = await makeUser();
    const cookie = await signIn(user.email, TEST_PASSWORD);
    const create = (name: string) => call(leadsRoute.POST, { path: "/x", cookie, body: { name, phone: uniquePhone() } });
    for (const name of ["\u200b\u200b", "\u202e\u2066", "\u001b\u0007", "   ", "x".repeat(201)]) {
      const res = await create(name);
      expect({ name, status: res.status, field: Object.keys(res.json.error.fields ?? {}) }).toEqual({ name, status: 422, field: ["name"] });
    }
    const ok = await create("\u001bRavi\u0007 \u202eKumar\u200b");
    expect(ok.status).toBe(201);
    expect(ok.json.name).toBe("Ravi Kumar");
  });

  it("cannot be changed by their owner through better-auth: a 1 MB name or someone else's is refused", async () => {
    const { user } = await makeUser();
    const cookie = await signIn(user.email, TEST_PASSWORD);
    for (const name of ["x".repeat(1_000_000), "Asha Admin"]) {
      const res = await auth.handler(
        new Request("http://localhost:3000/api/auth/update-user", {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://localhost:3000", cookie },
          body: JSON.stringify({ name }),
        }),
      );
      expect(res.status).toBe(403);
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(user.name);
  });
});
