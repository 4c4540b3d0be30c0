import { describe, expect, it } from "vitest";
import * as dispositionRoute from "@/app/api/v1/calls/[id]/disposition/route";
import { db } from "@/lib/db";
import { recordDisposition } from "@/lib/dispositions/service";
import { makeLead, makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import { endedCall } from "@/scripts/test/sessions";

describe("dispositions", () => {
  it("records the outcome on the call, and moves the lead only when the agent confirms", async () => {
    const { user: agent, actor } = await makeUser();
    const lead = await makeLead({ ownerId: agent.id, status: "CONTACTED" });
    const c = await endedCall(agent.id, lead.id);
    const notInterested = await db.disposition.findUniqueOrThrow({ where: { label: "Not interested" } });
    expect(notInterested.leadStatus).toBe("LOST");

    const first = await recordDisposition({ actor, callId: c.id, input: { dispositionId: notInterested.id, note: "Bought elsewhere" } });
    expect(first).toMatchObject({ disposition: "Not interested", note: "Bought elsewhere", statusChanged: false });
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("CONTACTED");

    const confirmed = await recordDisposition({
      actor,
      callId: c.id,
      input: { dispositionId: notInterested.id, note: "Bought elsewhere", applyLeadStatus: true },
    });
    expect(confirmed.statusChanged).toBe(true);
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("LOST");
    const change = await db.activity.findFirstOrThrow({ where: { leadId: lead.id, type: "STATUS_CHANGE" } });
    expect(change.payload).toMatchObject({ from: "CONTACTED", to: "LOST", reason: "Call outcome: Not interested" });
    expect((await db.call.findUniqueOrThrow({ where: { id: c.id } })).disposition).toBe("Not interested");
  });

  it('"Call back later" needs a time and creates a follow-up; in-progress and others\' calls are refused', async () => {
    const { user: agent, actor } = await makeUser();
    const { user: other } = await makeUser();
    const lead = await makeLead({ ownerId: agent.id, name: "Later Lead" });
    const c = await endedCall(agent.id, lead.id);
    const later = await db.disposition.findUniqueOrThrow({ where: { label: "Call back later" } });
    const cookie = await signIn(agent.email, TEST_PASSWORD);
    const put = (id: string, body: unknown, who = cookie) =>
      call(dispositionRoute.PUT, { path: `/api/v1/calls/${id}/disposition`, method: "PUT", cookie: who, params: { id }, body });

    const missingTime = await put(c.id, { dispositionId: later.id });
    expect(missingTime.status).toBe(422);
    expect(missingTime.json.error.fields.callbackAt).toMatch(/required/);
    expect((await put(c.id, { dispositionId: "nope" })).json.error.fields.dispositionId).toBeTruthy();
    const at = new Date(Date.now() + 86400_000).toISOString();
    const ok = await put(c.id, { dispositionId: later.id, callbackAt: at, note: "after 5pm" });
    expect(ok.status).toBe(200);
    const task = await db.task.findUniqueOrThrow({ where: { id: ok.json.taskId } });
    expect(task).toMatchObject({ kind: "FOLLOW_UP", assigneeId: agent.id, title: "Call back Later Lead" });
    expect(task.dueAt.toISOString()).toBe(at);

    const live = await endedCall(agent.id, lead.id, "RINGING");
    expect((await put(live.id, { dispositionId: later.id, callbackAt: at })).status).toBe(409);
    const otherCookie = await signIn(other.email, TEST_PASSWORD);
    expect((await put(c.id, { dispositionId: later.id, callbackAt: at }, otherCookie)).status).toBe(404);
    void actor;
  });
});
