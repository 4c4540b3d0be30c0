// A call's Smartflo id when no webhook brings it: looked up by the job queue's sweep (one
// /live_calls request a second at most), never by the page's reads; starting a call queues nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { simulatedSmartflo, until } from "@/scripts/test/simulated-smartflo";
import { db } from "../db";
import { JOBS, startBackgroundJobs } from "../jobs/index";
import { stopJobQueue } from "../jobs/queue";
import { smartflo } from "../smartflo";
import { LOOKUP_FOR_SECONDS, lookupSweep } from "./lookup";
import { getCall } from "./read-call";
import { smartfloNumber, startCall } from "./start-call";

const { sim, receiver } = simulatedSmartflo();
// Counted per agent number: the worker's database is shared with the files before this one, whose
// own just-started calls the sweep may still be looking up (each test's agent has its own number).
const liveCallsAsked = (agentNumber: string | null) =>
  sim.requests.filter((r) => r.path === "/live_calls" && r.query.agent_number === agentNumber).length;
const sweepRuns = async () =>
  Number(
    (
      await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = ${JOBS.callLookupSweep} AND state = 'completed'`
    )[0]!.n,
  );

describe("one sweep", () => {
  it("asks Smartflo once however many agents are waiting, and matches each call to its own agent's", async () => {
    sim.configure({ echoCustomIdentifier: false, webhookUrl: null });
    const agents = await Promise.all([0, 1, 2].map(() => makeUser()));
    // Two agents ring the same customer at once: the number alone cannot tell their calls apart.
    const shared = await makeLead({ ownerId: agents[0]!.user.id });
    const other = await makeLead({ ownerId: agents[2]!.user.id });
    const targets = [shared, shared, other];
    for (const lead of [shared, other]) sim.setScenario(lead.phone, { outcome: "answer", ringSeconds: 1000, talkSeconds: 1000 });
    const ids: string[] = [];
    for (const [i, { user }] of agents.entries()) {
      const call = await db.call.create({
        data: {
          leadId: targets[i]!.id,
          agentId: user.id,
          direction: "OUTBOUND",
          status: "RINGING",
          customerNumber: targets[i]!.phone,
          agentNumber: user.smartfloAgentNumber,
          startedAt: new Date(),
        },
      });
      await smartflo().clickToCall({
        agentNumber: user.smartfloAgentNumber!,
        destinationNumber: smartfloNumber(targets[i]!.phone),
        customIdentifier: call.id,
        refId: targets[i]!.id,
      });
      ids.push(call.id);
    }
    const before = sim.requests.filter((r) => r.path === "/live_calls").length;
    const swept = await lookupSweep();
    const asked = sim.requests.filter((r) => r.path === "/live_calls").slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.query.agent_number).toBeUndefined();
    expect(swept.found).toBeGreaterThanOrEqual(3);
    const found = await db.call.findMany({ where: { id: { in: ids } } });
    for (const call of found) expect(sim.calls.get(call.providerCallId!)?.customIdentifier).toBe(call.id);
    sim.configure({ webhookUrl: receiver.url });
  });
});

describe("the Smartflo id lookup", () => {
  beforeAll(() => startBackgroundJobs(), 60_000);
  afterAll(() => stopJobQueue());

  it("is done by the queue's sweep after an async click-to-call, and stops once the id is known", async () => {
    sim.configure({ echoCustomIdentifier: false, webhookUrl: null });
    const { actor, user } = await makeUser();
    const lead = await makeLead({ ownerId: user.id });
    sim.setScenario(lead.phone, { outcome: "answer", ringSeconds: 1000, talkSeconds: 1000 });
    const sweepsBefore = await sweepRuns();
    const started = await startCall({ actor, leadId: lead.id });
    expect(started.callId).toBeNull();

    // Nothing queued for the call itself: the sweep, already running, finds it.
    const queued = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE data->>'callId' = ${started.id}`;
    expect(queued[0]!.n).toBe(0n);
    const found = await until(
      () => db.call.findUniqueOrThrow({ where: { id: started.id } }),
      (c) => c.providerCallId !== null,
      10_000,
      100,
    );
    expect(sim.calls.get(found.providerCallId!)?.customIdentifier).toBe(started.id);

    expect(await sweepRuns()).toBeGreaterThan(sweepsBefore);

    // Found: the sweeps that follow do not ask for its agent's calls again.
    const asked = liveCallsAsked(user.smartfloAgentNumber);
    await new Promise((r) => setTimeout(r, 2500));
    expect(liveCallsAsked(user.smartfloAgentNumber)).toBe(asked);
    sim.configure({ webhookUrl: receiver.url });
  });

  it("leaves the page's read of a call a pure read", async () => {
    sim.configure({ echoCustomIdentifier: false, webhookUrl: null });
    const { actor, user } = await makeUser();
    const lead = await makeLead({ ownerId: user.id });
    // A call we started whose id Smartflo never gives, past the sweep's window (so only reads could ask).
    const longAgo = new Date(Date.now() - (LOOKUP_FOR_SECONDS + 40) * 1000);
    const call = await db.call.create({
      data: {
        leadId: lead.id,
        agentId: user.id,
        direction: "OUTBOUND",
        status: "RINGING",
        customerNumber: lead.phone,
        agentNumber: user.smartfloAgentNumber,
        startedAt: longAgo,
        createdAt: longAgo,
      },
    });
    const asked = liveCallsAsked(user.smartfloAgentNumber);
    for (let i = 0; i < 5; i++) expect((await getCall({ actor, id: call.id })).callId).toBeNull();
    expect(liveCallsAsked(user.smartfloAgentNumber)).toBe(asked);
    sim.configure({ webhookUrl: receiver.url });
  });
});
