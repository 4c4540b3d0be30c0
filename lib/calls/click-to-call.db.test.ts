// Click-to-call and hangup end to end against the simulator: real HTTP both ways (API calls out,
// webhooks back into the route handler), real database.
import { describe, expect, it } from "vitest";
import * as clickRoute from "@/app/api/v1/smartflo/click-to-call/route";
import * as hangupRoute from "@/app/api/v1/smartflo/hangup/route";
import { makeLead, makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call as callRoute, signIn } from "@/scripts/test/http";
import { appError, simulatedSmartflo, until } from "@/scripts/test/simulated-smartflo";
import { db } from "../db";
import type { AppError } from "../errors";
import { hangupCall } from "./hang-up-call";
import { getCall } from "./read-call";
import { startCall } from "./start-call";

const { sim, receiver } = simulatedSmartflo();

async function agentWithLead() {
  const { user, actor } = await makeUser();
  const lead = await makeLead({ ownerId: user.id });
  return { user, actor, lead };
}

describe("click-to-call", () => {
  it("rings, learns Smartflo's call_id within 3 s of the answer, hangs up, and logs the call on the timeline", async () => {
    const { actor, lead, user } = await agentWithLead();
    // Long talk, so the agent hangs up; simulated seconds x 0.02 real.
    sim.setScenario(lead.phone, { outcome: "answer", ringSeconds: 20, talkSeconds: 3000 });
    const started = await startCall({ actor, leadId: lead.id });
    expect(started).toMatchObject({ callId: null, status: "INITIATED" });
    expect(sim.requests.at(-1)?.body).toMatchObject({
      agent_number: user.smartfloAgentNumber,
      custom_identifier: started.id,
      destination_number: lead.phone.slice(3),
    });

    const answeredAt = await until(
      () => getCall({ actor, id: started.id }),
      (c) => c.status === "ANSWERED",
    );
    expect(answeredAt.callId).toMatch(/^\d+\.\d+$/);
    await new Promise((r) => setTimeout(r, 1000)); // ~50 simulated seconds of talk

    const hung = await hangupCall({ actor, callId: answeredAt.callId! });
    expect(["COMPLETED"]).toContain(hung.status);
    const final = await until(
      () => db.call.findUniqueOrThrow({ where: { id: started.id } }),
      (c) => c.recordingUrl !== null,
    );
    expect(final).toMatchObject({ status: "COMPLETED", direction: "OUTBOUND", leadId: lead.id, agentId: actor.id });
    expect(final.talkSeconds).toBeGreaterThan(30);
    expect(await db.call.count({ where: { leadId: lead.id } })).toBe(1);
    expect(await db.activity.count({ where: { leadId: lead.id, type: "CALL" } })).toBe(1);
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("CONTACTED");
  });

  it("finds the call_id through /live_calls when webhooks carry no custom_identifier", async () => {
    sim.configure({ echoCustomIdentifier: false, webhookUrl: null });
    const { actor, lead } = await agentWithLead();
    sim.setScenario(lead.phone, { outcome: "answer", ringSeconds: 1000, talkSeconds: 1000 });
    const started = await startCall({ actor, leadId: lead.id });
    const call = await until(
      () => getCall({ actor, id: started.id }),
      (c) => c.callId !== null,
      4000,
    );
    expect(sim.calls.get(call.callId!)?.customIdentifier).toBe(started.id);
    await hangupCall({ actor, callId: started.id }); // our id works too
    sim.configure({ webhookUrl: receiver.url });
  });

  it("takes call_id from a sync-mode answer at once", async () => {
    sim.configure({ mode: "sync" });
    const { actor, lead } = await agentWithLead();
    sim.setScenario(lead.phone, { outcome: "no-answer", ringSeconds: 30 });
    const started = await startCall({ actor, leadId: lead.id });
    expect(started.callId).toMatch(/^\d+\.\d+$/);
    const final = await until(
      () => db.call.findUniqueOrThrow({ where: { id: started.id } }),
      (c) => c.status === "MISSED",
    );
    expect(final.talkSeconds).toBe(0);
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("NEW");
  });

  it("hangs up a call that Smartflo has already ended before its webhook arrived: no 502, the call ends", async () => {
    sim.configure({ mode: "sync", webhookUrl: null });
    const { actor, lead } = await agentWithLead();
    sim.setScenario(lead.phone, { outcome: "no-answer", ringSeconds: 5 });
    const started = await startCall({ actor, leadId: lead.id });
    await until(
      async () => sim.calls.get(started.callId!)?.state,
      (state) => state === "ended",
    );
    const hung = await hangupCall({ actor, callId: started.id });
    expect(hung.status).toBe("MISSED");
    // A call still live at Smartflo whose hang-up is refused stays Smartflo's error (502).
    const { actor: other, lead: otherLead } = await agentWithLead();
    sim.setScenario(otherLead.phone, { outcome: "answer", ringSeconds: 1000, talkSeconds: 1000 });
    const live = await startCall({ actor: other, leadId: otherLead.id });
    sim.addFault({ kind: "success-false", path: "/call/hangup", times: 1 });
    expect((await appError(hangupCall({ actor: other, callId: live.id }))).status).toBe(502);
    sim.configure({ mode: "async", webhookUrl: receiver.url });
    await hangupCall({ actor: other, callId: live.id });
  });

  it("allows one call in progress per agent (409), even for parallel clicks", async () => {
    const { actor, lead } = await agentWithLead();
    sim.setScenario(lead.phone, { outcome: "answer", ringSeconds: 1000, talkSeconds: 1000 });
    const results = await Promise.allSettled([
      startCall({ actor, leadId: lead.id }),
      startCall({ actor, leadId: lead.id }),
      startCall({ actor, leadId: lead.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).kind).toBe("CONFLICT");
    expect(sim.requests.filter((r) => r.path === "/click_to_call")).toHaveLength(1);
  });

  it.each([
    ["401", /refused our credentials/],
    ["429", /rate limiting/],
    ["500", /HTTP 500|Server Error/],
    ["timeout", /did not answer/],
    ["success-false", /Agent is not available/],
    ["invalid-number", /destination number is invalid/],
  ] as const)(
    "Smartflo fault %s: 502 with a readable message, and nothing left in progress",
    async (kind, message) => {
      const { actor, lead } = await agentWithLead();
      sim.addFault({ kind, path: "/click_to_call", times: kind === "429" ? 10 : 1 });
      const error = await appError(startCall({ actor, leadId: lead.id }));
      expect(error.kind).toBe("UPSTREAM");
      expect(error.status).toBe(502);
      expect(error.message).toMatch(message);
      const failed = await db.call.findFirstOrThrow({ where: { leadId: lead.id } });
      expect(failed.status).toBe("FAILED");
      expect(failed.error).toMatch(message);
      // The agent can call again straight away.
      sim.reset();
      await expect(startCall({ actor, leadId: lead.id })).resolves.toMatchObject({ status: "INITIATED" });
    },
    15_000,
  );

  it("refuses leads the agent cannot see (404), leads without a valid phone and agents without a number (422)", async () => {
    const { actor } = await agentWithLead();
    const { lead: other } = await agentWithLead();
    expect((await appError(startCall({ actor, leadId: other.id }))).kind).toBe("NOT_FOUND");
    const { actor: noNumber } = await makeUser({ agentNumber: null });
    const lead = await makeLead({ ownerId: noNumber.id });
    const error = await appError(startCall({ actor: noNumber, leadId: lead.id }));
    expect(error.kind).toBe("VALIDATION");
    expect(error.details.fields?.agentNumber).toMatch(/not set/);
  });
});

describe("at-least-once delivery", () => {
  it("ends with one call in its final state when the simulator repeats and reverses every webhook", async () => {
    sim.configure({ duplicates: 3, outOfOrder: true });
    const { actor, lead } = await agentWithLead();
    sim.setScenario(lead.phone, { outcome: "answer", ringSeconds: 5, talkSeconds: 40 });
    const started = await startCall({ actor, leadId: lead.id });
    const final = await until(
      () => db.call.findUniqueOrThrow({ where: { id: started.id } }),
      (c) => c.status === "COMPLETED" && c.recordingUrl !== null,
    );
    await sim.settle();
    // What Smartflo's hangup said (40 s by the scenario; the simulator's clock runs 50× fast, so on a
    // busy machine a late timer makes it a few seconds more or less): the final delivery wins.
    expect(final.talkSeconds).toBe(sim.calls.get(final.providerCallId!)!.talkSeconds);
    expect(final.talkSeconds).toBeGreaterThan(30);
    expect(await db.call.count({ where: { leadId: lead.id } })).toBe(1);
    expect(await db.activity.count({ where: { leadId: lead.id, type: "CALL" } })).toBe(1);
    const after = await db.call.findUniqueOrThrow({ where: { id: started.id } });
    expect(after.status).toBe("COMPLETED");
    expect(receiver.statuses.every((s) => s === 200)).toBe(true);
    sim.configure({ duplicates: 1, outOfOrder: false });
  });
});

describe("routes", () => {
  it("never takes the agent number from the request, and answers 201 {id, callId, refId, status}", async () => {
    const { user, lead } = await agentWithLead();
    sim.setScenario(lead.phone, { outcome: "no-answer", ringSeconds: 5 });
    const cookie = await signIn(user.email, TEST_PASSWORD);
    const sneaky = await callRoute(clickRoute.POST, { path: "/x", cookie, body: { leadId: lead.id, agent_number: "1800123456" } });
    expect(sneaky.status).toBe(422);
    expect(sneaky.json.error.fields.agent_number).toBeTruthy();
    const ok = await callRoute(clickRoute.POST, { path: "/x", cookie, body: { leadId: lead.id } });
    expect(ok.status).toBe(201);
    expect(Object.keys(ok.json).sort()).toEqual(["callId", "id", "refId", "status"]);
    expect(sim.requests.filter((r) => r.path === "/click_to_call").map((r) => (r.body as { agent_number: string }).agent_number)).toEqual([
      user.smartfloAgentNumber,
    ]);
    const missing = await callRoute(clickRoute.POST, { path: "/x", cookie, body: {} });
    expect(missing.status).toBe(422);
    expect(missing.json.error.fields.leadId).toBe("is required");
  });

  it("lets only the call's agent, their manager or an admin hang up", async () => {
    const { user: manager } = await makeUser({ role: "MANAGER" });
    const { user: otherManager } = await makeUser({ role: "MANAGER" });
    const { user: agent, actor } = await makeUser({ managerId: manager.id });
    const { user: other } = await makeUser();
    const { user: admin } = await makeUser({ role: "ADMIN" });
    const lead = await makeLead({ ownerId: agent.id });
    sim.setScenario(lead.phone, { outcome: "answer", ringSeconds: 1000, talkSeconds: 1000 });
    sim.configure({ mode: "sync" });
    const started = await startCall({ actor, leadId: lead.id });
    const hang = async (email: string, body: unknown) =>
      callRoute(hangupRoute.POST, { path: "/x", cookie: await signIn(email, TEST_PASSWORD), body });

    expect((await hang(other.email, { call_id: started.callId })).status).toBe(404);
    expect((await hang(otherManager.email, { call_id: started.callId })).status).toBe(404);
    expect((await hang(other.email, {})).status).toBe(422);
    expect((await hang(other.email, { call_id: "'; drop table call; --" })).status).toBe(422);
    expect((await hang(manager.email, { call_id: "999.999" })).status).toBe(404);
    const res = await hang(manager.email, { call_id: started.callId });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("MISSED");
    expect((await hang(admin.email, { call_id: started.callId })).status).toBe(409);
  });
});
