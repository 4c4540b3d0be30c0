import { describe, expect, it } from "vitest";
import * as recordingRoute from "@/app/api/v1/calls/[id]/recording/route";
import { makeLead, makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call as callRoute, signIn } from "@/scripts/test/http";
import { db } from "../db";
import { listCalls, missedCallbacks } from "./list";
import { listCallsQuerySchema } from "./schemas";

async function makeCall(data: {
  leadId: string;
  agentId: string;
  status: "COMPLETED" | "MISSED";
  direction?: "INBOUND" | "OUTBOUND";
  at?: Date;
  talk?: number;
  recordingUrl?: string;
}) {
  return db.call.create({
    data: {
      leadId: data.leadId,
      agentId: data.agentId,
      status: data.status,
      direction: data.direction ?? "OUTBOUND",
      talkSeconds: data.talk ?? 0,
      createdAt: data.at ?? new Date(),
      startedAt: data.at ?? new Date(),
      recordingUrl: data.recordingUrl,
    },
  });
}

describe("listCalls", () => {
  it("scopes calls: agents see theirs, managers their team's, admins all; with a summary", async () => {
    const { user: manager, actor: managerActor } = await makeUser({ role: "MANAGER" });
    const { user: a1, actor: a1Actor } = await makeUser({ managerId: manager.id });
    const { user: a2 } = await makeUser();
    const l1 = await makeLead({ ownerId: a1.id });
    const l2 = await makeLead({ ownerId: a2.id });
    const since = new Date(Date.now() - 60_000).toISOString();
    await makeCall({ leadId: l1.id, agentId: a1.id, status: "COMPLETED", talk: 50 });
    await makeCall({ leadId: l1.id, agentId: a1.id, status: "MISSED" });
    await makeCall({ leadId: l2.id, agentId: a2.id, status: "COMPLETED", talk: 10 });
    const q = listCallsQuerySchema.parse({ since });
    const mine = await listCalls({ actor: a1Actor, query: q });
    expect(mine.summary).toEqual({ total: 2, answered: 1, missed: 1, talkSeconds: 50 });
    const team = await listCalls({ actor: managerActor, query: q });
    expect(team.items.every((c) => c.agent?.id === a1.id)).toBe(true);
  });

  it("lists missed inbound calls until the lead has been called again", async () => {
    const { user: agent, actor } = await makeUser();
    const waiting = await makeLead({ ownerId: agent.id, name: "Waiting Caller" });
    const returned = await makeLead({ ownerId: agent.id, name: "Returned Caller" });
    await makeCall({ leadId: waiting.id, agentId: agent.id, status: "MISSED", direction: "INBOUND", at: new Date(Date.now() - 3600_000) });
    await makeCall({ leadId: returned.id, agentId: agent.id, status: "MISSED", direction: "INBOUND", at: new Date(Date.now() - 3600_000) });
    await makeCall({ leadId: returned.id, agentId: agent.id, status: "COMPLETED", at: new Date() });
    const list = await missedCallbacks({ actor });
    expect(list.map((c) => c.lead?.name)).toEqual(["Waiting Caller"]);
  });
});

describe("recording route", () => {
  it("is 404 for someone who may not see the call, and for a call without a recording", async () => {
    const { user: owner } = await makeUser();
    const { user: stranger } = await makeUser();
    const lead = await makeLead({ ownerId: owner.id });
    const withRec = await makeCall({
      leadId: lead.id,
      agentId: owner.id,
      status: "COMPLETED",
      recordingUrl: "https://recordings.example.com/x.mp3",
    });
    const without = await makeCall({ leadId: lead.id, agentId: owner.id, status: "COMPLETED" });
    const strangerCookie = await signIn(stranger.email, TEST_PASSWORD);
    expect((await callRoute(recordingRoute.GET, { path: "/x", cookie: strangerCookie, params: { id: withRec.id } })).status).toBe(404);
    const ownerCookie = await signIn(owner.email, TEST_PASSWORD);
    expect((await callRoute(recordingRoute.GET, { path: "/x", cookie: ownerCookie, params: { id: without.id } })).status).toBe(404);
    expect((await callRoute(recordingRoute.GET, { path: "/x", params: { id: withRec.id } })).status).toBe(401);
  });
});

describe("recording without Smartflo credentials", () => {
  it("answers 502 (not 500) when the recording host cannot be reached", async () => {
    const { user: owner } = await makeUser();
    const lead = await makeLead({ ownerId: owner.id });
    const rec = await makeCall({
      leadId: lead.id,
      agentId: owner.id,
      status: "COMPLETED",
      recordingUrl: "http://127.0.0.1:9/nothing-listens-here.mp3",
    });
    const cookie = await signIn(owner.email, TEST_PASSWORD);
    const res = await callRoute(recordingRoute.GET, { path: "/x", cookie, params: { id: rec.id } });
    expect(res.status).toBe(502);
    expect(res.json.error.code).toBe("UPSTREAM");
  });
});
