// Outcomes are never lost: the server knows each agent's calls without one (the prompt returns after
// a reload, Home counts them), an outcome can be added or changed later, and a change is audited.
import { describe, expect, it } from "vitest";
import { makeLead, makeUser } from "../../scripts/test/factories";
import { db } from "../db";
import { recordDisposition } from "../dispositions/service";
import type { CallDirection, CallStatus } from "../generated/prisma/enums";
import { callsNeedingOutcome, findCallAwaitingOutcome, NEEDS_OUTCOME_DAYS } from "./needs-outcome";

async function call(agentId: string, leadId: string, opts: { status?: CallStatus; direction?: CallDirection; daysAgo?: number } = {}) {
  const at = new Date(Date.now() - (opts.daysAgo ?? 0) * 86_400_000 - 60_000);
  return db.call.create({
    data: {
      agentId,
      leadId,
      direction: opts.direction ?? "OUTBOUND",
      status: opts.status ?? "COMPLETED",
      talkSeconds: 40,
      createdAt: at,
      startedAt: at,
      endedAt: new Date(at.getTime() + 50_000),
    },
  });
}

describe("calls needing an outcome", () => {
  it("lists the agent's own ended calls without one, newest first, and drops them once recorded", async () => {
    const agent = await makeUser();
    const other = await makeUser();
    const lead = await makeLead({ ownerId: agent.user.id });
    const answered = await call(agent.user.id, lead.id);
    const noAnswer = await call(agent.user.id, lead.id, { status: "MISSED" });
    await call(agent.user.id, lead.id, { status: "MISSED", direction: "INBOUND" }); // nobody talked: a call-back task instead
    await call(agent.user.id, lead.id, { status: "FAILED" });
    await call(agent.user.id, lead.id, { status: "ANSWERED" }); // still going
    await call(agent.user.id, lead.id, { daysAgo: NEEDS_OUTCOME_DAYS + 1 }); // history
    await call(other.user.id, lead.id); // someone else's

    const before = await callsNeedingOutcome({ actor: agent.actor });
    expect(before.total).toBe(2);
    expect(new Set(before.items.map((c) => c.id))).toEqual(new Set([answered.id, noAnswer.id]));
    expect(before.items[0]!.lead?.name).toBe(lead.name);
    // The lead page asks again after a reload: the newest such call on this lead.
    expect((await findCallAwaitingOutcome({ actor: agent.actor, leadId: lead.id }))?.id).toBe(
      [answered, noAnswer].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]!.id,
    );

    await recordDisposition({ actor: agent.actor, callId: answered.id, input: { dispositionId: "disp_interested" } });
    const after = await callsNeedingOutcome({ actor: agent.actor });
    expect(after.items.map((c) => c.id)).toEqual([noAnswer.id]);
    expect((await callsNeedingOutcome({ actor: other.actor })).total).toBe(1);
  });

  it("audits a change of outcome (not the first one), with what it was and what it became", async () => {
    const agent = await makeUser();
    const lead = await makeLead({ ownerId: agent.user.id });
    const c = await call(agent.user.id, lead.id);
    const changes = () => db.auditEvent.findMany({ where: { action: "call.outcome_changed", targetId: c.id } });

    await recordDisposition({ actor: agent.actor, callId: c.id, input: { dispositionId: "disp_interested", note: "Wants a demo" } });
    expect(await changes()).toHaveLength(0);
    await recordDisposition({ actor: agent.actor, callId: c.id, input: { dispositionId: "disp_interested", note: "Wants a demo" } });
    expect(await changes()).toHaveLength(0);
    await recordDisposition({ actor: agent.actor, callId: c.id, input: { dispositionId: "disp_not_interested" } });
    const [change] = await changes();
    expect(change?.actorId).toBe(agent.user.id);
    expect(change?.before).toEqual({ disposition: "Interested", notes: "Wants a demo" });
    expect(change?.after).toMatchObject({ disposition: "Not interested", notes: null, leadId: lead.id });
  });
});
