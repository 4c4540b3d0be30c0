// The live stream through its route handler: scope per role, Last-Event-ID replay, the screen pop,
// and the end of the stream on sign-out and deactivation.
import { afterAll, describe, expect, it } from "vitest";
import { auth } from "@/lib/auth/better-auth";
import { db } from "@/lib/db";
import { stopLiveHub } from "@/lib/live/hub";
import { pruneLiveEvents } from "@/lib/live/prune";
import { MAX_STREAMS_PER_SESSION, openLiveStreams } from "@/lib/live/stream";
import { makeLead, makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import { openStream, type SseEvent } from "@/scripts/test/sse";
import * as incomingRoute from "../calls/incoming/route";
import * as eventsRoute from "./route";

afterAll(() => stopLiveHub());

async function session(opts: Parameters<typeof makeUser>[0] = {}) {
  const { user, actor } = await makeUser(opts);
  return { user, actor, cookie: await signIn(user.email, TEST_PASSWORD) };
}

async function stream(cookie: string, headers?: Record<string, string>) {
  const s = await openStream(eventsRoute.GET, cookie, headers);
  expect(s.response.status).toBe(200);
  expect(s.response.headers.get("content-type")).toContain("text/event-stream");
  return { ...s, reader: s.reader! };
}

const isCall =
  (id: string, name = "call.updated") =>
  (e: SseEvent) =>
    e.event === name && (e.data as { call?: { id: string } }).call?.id === id;
const isLead = (id: string) => (e: SseEvent) => e.event === "lead.updated" && (e.data as { lead: { id: string } }).lead.id === id;

describe("GET /api/v1/events", () => {
  it("answers 401 without a session, and 422 for a Last-Event-ID that is not an event's", async () => {
    const anonymous = await openStream(eventsRoute.GET, "");
    expect(anonymous.response.status).toBe(401);
    const { cookie } = await session();
    const bad = await call(eventsRoute.GET, { path: "/api/v1/events", cookie, headers: { "last-event-id": "abc" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields).toHaveProperty("last-event-id");
  });

  it("sends each change to the people the API would show it to, and to nobody else", async () => {
    const manager = await session({ role: "MANAGER" });
    const agent = await session({ managerId: manager.user.id });
    const agent2 = await session();
    const admin = await session({ role: "ADMIN" });
    const [sa, sa2, sm, sadmin] = [
      await stream(agent.cookie),
      await stream(agent2.cookie),
      await stream(manager.cookie),
      await stream(admin.cookie),
    ];
    try {
      const lead = await makeLead({ ownerId: agent.user.id });
      const c = await db.call.create({
        data: { direction: "OUTBOUND", status: "RINGING", agentId: agent.user.id, leadId: lead.id, customerNumber: lead.phone },
      });
      await db.call.update({ where: { id: c.id }, data: { status: "ANSWERED", answeredAt: new Date() } });
      // The agent's own call and lead; the manager the team's call and every lead; the admin everything.
      const answered = await sa.reader.waitFor(
        (e) => isCall(c.id)(e) && (e.data as { call: { status: string } }).call.status === "ANSWERED",
      );
      expect(answered.id).toMatch(/^\d+$/);
      await sa.reader.waitFor(isLead(lead.id));
      await sm.reader.waitFor(isCall(c.id));
      await sadmin.reader.waitFor(isCall(c.id));
      await sm.reader.waitFor(isLead(lead.id));
      // A fence: agent2's own lead arrives after the call, so the call would have too.
      const own = await makeLead({ ownerId: agent2.user.id });
      await sa2.reader.waitFor(isLead(own.id));
      expect(sa2.reader.events.some(isCall(c.id))).toBe(false);
      expect(sa2.reader.events.some(isLead(lead.id))).toBe(false);
      expect(sa.reader.events.some(isLead(own.id))).toBe(false);
      // A task for the agent: the agent and the manager hear it, agent2 does not.
      const task = await db.task.create({ data: { leadId: lead.id, title: "Call back", dueAt: new Date(), assigneeId: agent.user.id } });
      await sa.reader.waitFor((e) => e.event === "task.updated" && (e.data as { task: { id: string } }).task.id === task.id);
      await sm.reader.waitFor((e) => e.event === "task.updated");
      expect(sa2.reader.events.some((e) => e.event === "task.updated")).toBe(false);
      // The lead given to agent2: agent hears it is gone, agent2 that it is theirs.
      await db.lead.update({ where: { id: lead.id }, data: { ownerId: agent2.user.id } });
      await sa.reader.waitFor((e) => e.event === "lead.removed" && (e.data as { id: string }).id === lead.id);
      await sa2.reader.waitFor(isLead(lead.id));
    } finally {
      for (const s of [sa, sa2, sm, sadmin]) s.close();
    }
  });

  it("replays what a dropped connection missed, from Last-Event-ID", async () => {
    const agent = await session();
    const lead = await makeLead({ ownerId: agent.user.id, name: "Before" });
    const first = await stream(agent.cookie);
    await db.lead.update({ where: { id: lead.id }, data: { status: "CONTACTED" } });
    const seen = await first.reader.waitFor(isLead(lead.id));
    first.close();
    // While away: the lead changes twice, a note is added, a call is made.
    await db.lead.update({ where: { id: lead.id }, data: { name: "Renamed" } });
    await db.lead.update({ where: { id: lead.id }, data: { status: "QUALIFIED" } });
    const note = await db.activity.create({ data: { leadId: lead.id, type: "NOTE", actorId: agent.user.id, payload: { text: "hi" } } });
    const c = await db.call.create({ data: { direction: "OUTBOUND", status: "COMPLETED", agentId: agent.user.id, leadId: lead.id } });
    const again = await stream(agent.cookie, { "last-event-id": seen.id! });
    try {
      const replayed = await again.reader.waitFor(
        (e) => isLead(lead.id)(e) && (e.data as { lead: { status: string } }).lead.status === "QUALIFIED",
      );
      expect((replayed.data as { lead: { name: string } }).lead.name).toBe("Renamed");
      await again.reader.waitFor((e) => e.event === "activity.created" && (e.data as { activity: { id: string } }).activity.id === note.id);
      await again.reader.waitFor(isCall(c.id));
      // The record changed twice while away: sent once, as it is now.
      expect(again.reader.events.filter(isLead(lead.id))).toHaveLength(1);
      // Nothing that was seen before the drop comes again.
      expect(again.reader.events.some((e) => e.id === seen.id)).toBe(false);
    } finally {
      again.close();
    }
  });

  it("asks for a resync when the events since Last-Event-ID are no longer kept", async () => {
    const agent = await session();
    await makeLead({ ownerId: agent.user.id });
    const pruned = await db.liveEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    await makeLead({ ownerId: agent.user.id });
    await db.liveEvent.deleteMany({ where: { id: { lte: pruned.id } } }); // as the backlog job does after 15 minutes
    const s = await stream(agent.cookie, { "last-event-id": String(pruned.id) });
    try {
      await s.reader.waitFor((e) => e.event === "resync");
    } finally {
      s.close();
    }
  });

  it("keeps the backlog 15 minutes: the prune job drops older events only", async () => {
    const old = await db.liveEvent.create({ data: { kind: "lead", entityId: "x", userIds: [], at: new Date(Date.now() - 16 * 60_000) } });
    const recent = await db.liveEvent.create({
      data: { kind: "lead", entityId: "y", userIds: [], at: new Date(Date.now() - 14 * 60_000) },
    });
    expect(await pruneLiveEvents()).toBeGreaterThanOrEqual(1);
    expect(await db.liveEvent.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db.liveEvent.findUnique({ where: { id: recent.id } })).not.toBeNull();
  });

  it("pops an inbound call up for the agent it rings, with the caller, and again after a reload", async () => {
    const agent = await session();
    const other = await session();
    const lead = await makeLead({ ownerId: agent.user.id, name: "Priya Caller", status: "QUALIFIED" });
    await db.task.create({ data: { leadId: lead.id, title: "Send the quote", dueAt: new Date(), assigneeId: agent.user.id } });
    const [sa, so] = [await stream(agent.cookie), await stream(other.cookie)];
    try {
      const c = await db.call.create({
        data: { direction: "INBOUND", status: "RINGING", agentId: agent.user.id, leadId: lead.id, customerNumber: lead.phone },
      });
      const pop = await sa.reader.waitFor(isCall(c.id, "call.incoming"));
      const card = pop.data as {
        number: string;
        leads: { id: string; name: string; status: string; visible: boolean; openTasks: unknown[] }[];
      };
      expect(card.leads[0]).toMatchObject({ id: lead.id, name: "Priya Caller", status: "QUALIFIED", visible: true });
      expect(card.leads[0]!.openTasks).toHaveLength(1);
      expect(card.number).toMatch(/^\+91 /);
      // A reload while it rings: the pop-up comes back from the server.
      const live = await call(incomingRoute.GET, { path: "/api/v1/calls/incoming", cookie: agent.cookie });
      expect(live.json.items.map((i: { call: { id: string } }) => i.call.id)).toEqual([c.id]);
      const none = await call(incomingRoute.GET, { path: "/api/v1/calls/incoming", cookie: other.cookie });
      expect(none.json.items).toEqual([]);
      // Routed on to the other agent: it leaves this agent's screen and pops up on theirs.
      await db.call.update({ where: { id: c.id }, data: { agentId: other.user.id } });
      await sa.reader.waitFor((e) => e.event === "call.removed" && (e.data as { id: string }).id === c.id);
      const theirs = await so.reader.waitFor(isCall(c.id, "call.incoming"));
      expect((theirs.data as { leads: { visible: boolean }[] }).leads[0]!.visible).toBe(false);
      await db.call.update({ where: { id: c.id }, data: { status: "COMPLETED", endedAt: new Date() } });
      const after = await call(incomingRoute.GET, { path: "/api/v1/calls/incoming", cookie: other.cookie });
      expect(after.json.items).toEqual([]);
    } finally {
      sa.close();
      so.close();
    }
  });

  it("ends the stream when the user signs out or is deactivated", async () => {
    const agent = await session();
    const s = await stream(agent.cookie);
    const signedOut = await auth.handler(
      new Request("http://localhost:3000/api/auth/sign-out", {
        method: "POST",
        headers: { cookie: agent.cookie, origin: "http://localhost:3000", "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(signedOut.ok).toBe(true);
    await s.reader.untilEnd();

    const other = await session();
    const t = await stream(other.cookie);
    await db.user.update({ where: { id: other.user.id }, data: { active: false } });
    await t.reader.untilEnd();
  });

  it("caps the streams one sign-in may hold: the oldest closes when more open", async () => {
    const agent = await session();
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_SESSION + 3; i++) streams.push(await stream(agent.cookie));
    for (const old of streams.slice(0, 3)) await old.reader.untilEnd();
    const before = openLiveStreams();
    const more = await stream(agent.cookie);
    await streams[3]!.reader.untilEnd();
    expect(openLiveStreams()).toBe(before);
    for (const s of [...streams.slice(4), more]) s.close();
  });
});
