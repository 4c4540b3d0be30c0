// Stepping into calls against the simulator: who may monitor, whisper, barge and transfer whose
// call; what Smartflo is sent; the timeline entry and the audit row; and the failure modes.
import { describe, expect, it } from "vitest";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { appError, simulatedSmartflo, until } from "@/scripts/test/simulated-smartflo";
import { liveBoard } from "../board/service";
import { dashboard } from "../dashboard/service";
import { db } from "../db";
import { listActivities } from "../leads/activities";
import { istDay } from "../time/india";
import { hangupCall } from "./hang-up-call";
import { callOption } from "./options";
import { getCall } from "./read-call";
import { startCall } from "./start-call";

const { sim } = simulatedSmartflo();

async function kindOf(promise: Promise<unknown>) {
  const error = await appError(promise);
  return { kind: error.kind, fields: error.details.fields ?? {}, message: error.message };
}

/** A team (manager with a Smartflo number, two agents) and the first agent on a connected call. */
async function teamOnACall() {
  const manager = await makeUser({ role: "MANAGER", agentNumber: `8${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}` });
  const agent = await makeUser({ managerId: manager.user.id });
  const agent2 = await makeUser({ managerId: manager.user.id });
  const lead = await makeLead({ ownerId: agent.user.id });
  sim.setScenario(lead.phone, { outcome: "answer", ringSeconds: 5, talkSeconds: 5000 });
  const started = await startCall({ actor: agent.actor, leadId: lead.id });
  const call = await until(
    () => getCall({ actor: agent.actor, id: started.id }),
    (c) => c.status === "ANSWERED" && c.callId !== null,
  );
  return { manager, agent, agent2, lead, call };
}

describe("stepping into a call", () => {
  it("lets the agent's manager monitor, whisper and barge, with the timeline and audit to show it; nobody else", async () => {
    const { manager, agent, lead, call } = await teamOnACall();
    const otherManager = await makeUser({ role: "MANAGER", agentNumber: "8111111111" });
    const numberless = await makeUser({ role: "MANAGER", agentNumber: null });
    await db.user.update({ where: { id: agent.user.id }, data: { managerId: manager.user.id } });

    expect((await kindOf(callOption(otherManager.actor, call.id, { action: "monitor" }))).kind).toBe("NOT_FOUND");
    expect((await kindOf(callOption(agent.actor, call.id, { action: "barge" }))).kind).toBe("FORBIDDEN");
    await db.user.update({ where: { id: agent.user.id }, data: { managerId: numberless.user.id } });
    expect((await kindOf(callOption(numberless.actor, call.id, { action: "monitor" }))).fields).toHaveProperty("action");
    await db.user.update({ where: { id: agent.user.id }, data: { managerId: manager.user.id } });

    for (const action of ["monitor", "whisper", "barge"] as const) await callOption(manager.actor, call.callId!, { action });
    const played = sim.calls.get(call.callId!)!;
    expect(played.actions?.map((a) => [a.type, a.agentId])).toEqual([
      [1, manager.user.smartfloAgentNumber],
      [2, manager.user.smartfloAgentNumber],
      [3, manager.user.smartfloAgentNumber],
    ]);
    const entries = await db.activity.findMany({ where: { leadId: lead.id, type: "CALL_ACTION" }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => (e.payload as { action: string }).action)).toEqual(["monitor", "whisper", "barge"]);
    expect(await db.auditEvent.count({ where: { action: "call.supervised", targetId: call.id, actorId: manager.user.id } })).toBe(3);
    // Silent monitoring is silent: while the call is live the agent's timeline has the whisper and the barge, not the listening.
    const actionsSeenBy = async (actor: typeof agent.actor) =>
      (await listActivities({ actor, leadId: lead.id, page: { limit: 50 } })).items
        .filter((a) => a.type === "CALL_ACTION")
        .map((a) => a.payload.action);
    expect(await actionsSeenBy(agent.actor)).toEqual(["barge", "whisper"]);
    expect(await actionsSeenBy(manager.actor)).toEqual(["barge", "whisper", "monitor"]);

    // Smartflo refusing is a 502 with its message, and nothing is recorded.
    sim.addFault({ kind: "success-false", path: "/call/options", times: 1 });
    const refused = await kindOf(callOption(manager.actor, call.id, { action: "monitor" }));
    expect(refused.kind).toBe("UPSTREAM");
    expect(refused.message).toContain("Agent is not available");
    expect(await db.activity.count({ where: { leadId: lead.id, type: "CALL_ACTION" } })).toBe(3);

    await hangupCall({ actor: agent.actor, callId: call.id });
    expect((await kindOf(callOption(manager.actor, call.id, { action: "monitor" }))).kind).toBe("CONFLICT");
    // Once the call is over the agent's timeline tells the whole story.
    expect(await actionsSeenBy(agent.actor)).toEqual(["barge", "whisper", "monitor"]);
  });

  it("transfers a connected call to an active colleague: the call, the board and the timeline follow", async () => {
    const { manager, agent, agent2, lead, call } = await teamOnACall();
    const inactive = await makeUser({ managerId: manager.user.id, active: false });
    expect((await kindOf(callOption(agent.actor, call.id, { action: "transfer", toUserId: inactive.user.id }))).fields).toHaveProperty(
      "toUserId",
    );
    expect((await kindOf(callOption(agent2.actor, call.id, { action: "transfer", toUserId: agent2.user.id }))).kind).toBe("NOT_FOUND");

    // The call's own agent hands it over.
    const moved = await callOption(agent.actor, call.id, { action: "transfer", toUserId: agent2.user.id });
    expect(moved.agent?.id).toBe(agent2.user.id);
    expect(sim.calls.get(call.callId!)!.agentNumber).toBe(agent2.user.smartfloAgentNumber);
    expect(sim.calls.get(call.callId!)!.actions?.[0]).toMatchObject({ type: 4, intercom: agent2.user.smartfloAgentNumber });
    const board = await liveBoard(manager.actor);
    expect(board.agents.find((a) => a.id === agent2.user.id)?.state).toBe("ON_CALL");
    expect(board.agents.find((a) => a.id === agent.user.id)?.state).not.toBe("ON_CALL");

    // Smartflo's webhooks after the transfer keep the call with the new agent, to its end.
    await hangupCall({ actor: agent2.actor, callId: call.id });
    const final = await until(
      () => db.call.findUniqueOrThrow({ where: { id: call.id } }),
      (c) => c.recordingUrl !== null,
    );
    expect(final.agentId).toBe(agent2.user.id);
    expect(final.transferredFromId).toBe(agent.user.id);
    // The dashboard splits the talk time at the transfer; the call itself counts for the agent who placed it.
    const day = istDay(final.createdAt);
    const board2 = await dashboard({ actor: manager.actor, query: { from: day, to: day } });
    const row = (id: string) => board2.perAgent.find((r) => r.agentId === id)!;
    const before = Math.floor((final.transferredAt!.getTime() - final.answeredAt!.getTime()) / 1000);
    expect(row(agent.user.id)).toMatchObject({ callsMade: 1, answered: 1, talkSeconds: Math.min(final.talkSeconds!, Math.max(0, before)) });
    expect(row(agent2.user.id)).toMatchObject({ callsMade: 0, leadsContacted: 1 });
    expect(row(agent.user.id).talkSeconds + row(agent2.user.id).talkSeconds).toBe(final.talkSeconds);
    const entry = await db.activity.findFirstOrThrow({ where: { leadId: lead.id, type: "CALL_ACTION" } });
    expect(entry.payload).toMatchObject({ action: "transfer", agent: { id: agent.user.id }, to: { id: agent2.user.id } });
  });
});

describe("the live board", () => {
  it("shows a manager their team, an admin everyone, and an agent nothing (404)", async () => {
    const { manager, agent, agent2, call } = await teamOnACall();
    const admin = await makeUser({ role: "ADMIN" });
    const board = await liveBoard(manager.actor);
    expect(board.agents.map((a) => a.id).sort()).toEqual([agent.user.id, agent2.user.id].sort());
    expect(board.agents.find((a) => a.id === agent.user.id)).toMatchObject({ state: "ON_CALL", callId: call.id });
    expect(board.agents.find((a) => a.id === agent2.user.id)?.state).toBe("SIGNED_OUT");
    expect(board.calls.map((c) => c.id)).toEqual([call.id]);
    expect((await liveBoard(admin.actor)).agents.map((a) => a.id)).toEqual(expect.arrayContaining([agent.user.id, manager.user.id]));
    expect((await kindOf(liveBoard(agent.actor))).kind).toBe("NOT_FOUND");
    await hangupCall({ actor: agent.actor, callId: call.id });
    const after = await liveBoard(manager.actor);
    expect(after.agents.find((a) => a.id === agent.user.id)).toMatchObject({ state: "WRAP_UP" });
    expect(after.agents.find((a) => a.id === agent.user.id)?.today.calls).toBe(1);
  });
});
