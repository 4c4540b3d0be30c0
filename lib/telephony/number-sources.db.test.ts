// Our numbers and their lead sources: the admins' API (roles, validation, audit, counts), a new
// caller's lead through the real webhook path (the general path, then the SQL fast path for the
// hangup), the lead's timeline, and the simulator's inbound calls end to end.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as activitiesRoute from "@/app/api/v1/leads/[id]/activities/route";
import * as numberRoute from "@/app/api/v1/number-sources/[number]/route";
import * as numbersRoute from "@/app/api/v1/number-sources/route";
import { makeUser, uniquePhone } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { newCallId, session } from "@/scripts/test/sessions";
import { simulatedSmartflo, until } from "@/scripts/test/simulated-smartflo";
import { send } from "@/scripts/test/webhook";
import { numberSourceResponse, numberSourcesResponse } from "../api/responses";
import { db } from "../db";
import { normalizePhone } from "../phone";

const { sim } = simulatedSmartflo();

/** A DID of ours no other test names (Bengaluru landline, as Smartflo writes it: 0804…). */
const newDid = () => `0804${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
const e164 = (n: string) => normalizePhone(n)!.e164;

const put = (cookie: string, body: unknown) => call(numbersRoute.PUT, { path: "/api/v1/number-sources", method: "PUT", cookie, body });
const list = (cookie: string) => call(numbersRoute.GET, { path: "/api/v1/number-sources", cookie });
const remove = (cookie: string, number: string) =>
  call(numberRoute.DELETE, {
    path: `/api/v1/number-sources/${encodeURIComponent(number)}`,
    method: "DELETE",
    cookie,
    params: { number: encodeURIComponent(number) },
  });

/** Smartflo's "Call received on Server" for an inbound call, then its hangup (with the IVR keys only there). */
function inboundCall(did: string, caller10: string, callId: string, agentNumber: string, hangup: Record<string, string> = {}) {
  const received = {
    call_id: callId,
    uuid: randomUUID(),
    direction: "inbound",
    caller_id_number: `0${caller10}`,
    call_to_number: did,
    start_stamp: "2026-11-24 14:02:11",
    call_status: "Received",
    digits_dialed: "$digits_dialed",
  };
  const ended = {
    call_id: callId,
    direction: "inbound",
    caller_id_number: `0${caller10}`,
    call_to_number: did,
    start_stamp: "2026-11-24 14:02:11",
    answer_stamp: "2026-11-24 14:02:20",
    end_stamp: "2026-11-24 14:03:20",
    call_status: "answered",
    billsec: "60",
    answered_agent_number: agentNumber,
    hangup_cause: "NORMAL_CLEARING",
    digits_dialed: "1",
    ...hangup,
  };
  return { received: { body: received }, ended: { body: ended } };
}

describe("the admins' list of our numbers", () => {
  it("names, changes and forgets a number's source, with landlines written any way, audited", async () => {
    const admin = await session("ADMIN");
    const did = newDid();
    const dashed = `${did.slice(0, 3)}-${did.slice(3, 7)}-${did.slice(7)}`; // 080-4123-4567

    const made = await put(admin.cookie, { number: dashed, source: "  Newspaper ad " });
    expect(made.status).toBe(200);
    expect(numberSourceResponse.parse(made.json)).toEqual({
      number: e164(did),
      display: `${did.slice(0, 3)} ${did.slice(3, 7)} ${did.slice(7)}`,
      source: "Newspaper ad",
      created: true,
    });
    // The same number written another way is the same number: its source changes.
    const changed = await put(admin.cookie, { number: `+91${did.slice(1)}`, source: "Website number" });
    expect(changed.json).toMatchObject({ number: e164(did), source: "Website number", created: false });
    // Saving what is already there changes nothing and writes no audit entry.
    expect((await put(admin.cookie, { number: did, source: "Website number" })).status).toBe(200);
    expect(await db.numberSource.count({ where: { number: e164(did) } })).toBe(1);

    const listed = await list(admin.cookie);
    expect(listed.status).toBe(200);
    const doc = numberSourcesResponse.parse(listed.json);
    expect(doc.items.find((i) => i.number === e164(did))).toMatchObject({
      source: "Website number",
      inboundCalls30d: 0,
      leadsCreated30d: 0,
      lastCallAt: null,
    });

    expect((await remove(admin.cookie, e164(did))).status).toBe(204);
    expect(await db.numberSource.count({ where: { number: e164(did) } })).toBe(0);
    expect((await remove(admin.cookie, e164(did))).status).toBe(404);

    const entries = await db.auditEvent.findMany({ where: { targetType: "number_source", targetId: e164(did) } });
    const written = [
      ["settings.updated", admin.user.id, null, { source: "Newspaper ad" }],
      ["settings.updated", admin.user.id, { source: "Newspaper ad" }, { source: "Website number" }],
      ["settings.updated", admin.user.id, { source: "Website number" }, null],
    ];
    expect(entries).toHaveLength(written.length);
    expect(entries.map((e) => [e.action, e.actorId, e.before, e.after])).toEqual(expect.arrayContaining(written));
  });

  it("refuses a number that is none, and a source that is empty or too long (422 naming the field)", async () => {
    const admin = await session("ADMIN");
    for (const number of ["12345", "not a number", "", "+91 80 12"]) {
      const res = await put(admin.cookie, { number, source: "Newspaper ad" });
      expect(res.status, number).toBe(422);
      expect(Object.keys(res.json.error.fields)).toEqual(["number"]);
    }
    for (const source of ["", "   ", "x".repeat(81), "\u200b"]) {
      const res = await put(admin.cookie, { number: newDid(), source });
      expect(res.status, JSON.stringify(source)).toBe(422);
      expect(Object.keys(res.json.error.fields)).toEqual(["source"]);
    }
    expect((await put(admin.cookie, { number: newDid(), source: "x".repeat(80) })).status).toBe(200);
    expect((await put(admin.cookie, { number: newDid(), source: "Hoarding", extra: 1 })).status).toBe(422);
    expect((await remove(admin.cookie, "not-a-number")).json.error.fields).toEqual({ number: "is not a valid phone number" });
  });

  it("is for admins only: agents and managers are answered 404, and change nothing", async () => {
    const admin = await session("ADMIN");
    const did = newDid();
    await put(admin.cookie, { number: did, source: "Newspaper ad" });
    for (const role of ["AGENT", "MANAGER"] as const) {
      const other = await session(role);
      expect((await list(other.cookie)).status).toBe(404);
      expect((await put(other.cookie, { number: did, source: "Mine now" })).status).toBe(404);
      expect((await put(other.cookie, { number: newDid(), source: "Mine" })).status).toBe(404);
      expect((await remove(other.cookie, e164(did))).status).toBe(404);
    }
    expect((await db.numberSource.findUniqueOrThrow({ where: { number: e164(did) } })).source).toBe("Newspaper ad");
    expect((await call(numbersRoute.GET, { path: "/api/v1/number-sources" })).status).toBe(401);
  });
});

describe("a new caller who dialled one of our numbers", () => {
  it("becomes a lead from its source; the call keeps the number and the IVR keys, sent on the hangup only (SQL fast path)", async () => {
    const admin = await session("ADMIN");
    const { user: agent } = await makeUser();
    const did = newDid();
    await put(admin.cookie, { number: did, source: "Newspaper ad" });
    const caller = uniquePhone();
    const callId = newCallId();
    const { received, ended } = inboundCall(did, caller.slice(-10), callId, agent.smartfloAgentNumber!);

    // The call is new to us: the general path makes the lead and the call.
    expect((await send(received)).status).toBe(200);
    const lead = await db.lead.findUniqueOrThrow({ where: { phone: caller } });
    expect(lead).toMatchObject({ source: "Newspaper ad", subSource: `Called ${e164(did)}` });
    const first = await db.call.findUniqueOrThrow({ where: { providerCallId: callId } });
    expect(first).toMatchObject({ leadId: lead.id, direction: "INBOUND", dialledNumber: e164(did), ivrDigits: null });

    // Its call_id is known now: the hangup goes through crm_ingest_webhook (crm_apply_call_event), which stores the keys.
    const hangup = await send(ended);
    expect(hangup.status).toBe(200);
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: hangup.eventId! } })).status).toBe("PROCESSED");
    expect(await db.call.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: "COMPLETED",
      dialledNumber: e164(did),
      ivrDigits: "1",
    });
    // A later delivery without the keys ("$digits_dialed") keeps them.
    expect((await send({ body: { ...ended.body, digits_dialed: "$digits_dialed", billsec: "61" } })).status).toBe(200);
    expect((await db.call.findUniqueOrThrow({ where: { id: first.id } })).ivrDigits).toBe("1");
    expect(await db.lead.count({ where: { phone: caller } })).toBe(1);

    // The timeline: "Called 080 … · Newspaper ad", "Pressed 1".
    const timeline = await call(activitiesRoute.GET, {
      path: `/api/v1/leads/${lead.id}/activities`,
      cookie: admin.cookie,
      params: { id: lead.id },
    });
    expect(timeline.status).toBe(200);
    const entry = timeline.json.items.find((a: { type: string }) => a.type === "CALL");
    expect(entry.call).toMatchObject({
      dialledNumber: e164(did),
      dialledDisplay: `${did.slice(0, 3)} ${did.slice(3, 7)} ${did.slice(7)}`,
      dialledSource: "Newspaper ad",
      ivrDigits: "1",
    });
    const created = timeline.json.items.find((a: { type: string }) => a.type === "LEAD_CREATED");
    expect(created.payload).toMatchObject({ source: "Newspaper ad", dialled: e164(did) });

    // The admins' list counts the call and the lead it made.
    const row = (await list(admin.cookie)).json.items.find((i: { number: string }) => i.number === e164(did));
    expect(row).toMatchObject({ inboundCalls30d: 1, leadsCreated30d: 1 });
    expect(row.lastCallAt).not.toBeNull();
  });

  it("to a number with no source is an 'Inbound call' lead, and the number is offered to name", async () => {
    const admin = await session("ADMIN");
    const { user: agent } = await makeUser();
    const did = newDid();
    const caller = uniquePhone();
    const { ended } = inboundCall(did, caller.slice(-10), newCallId(), agent.smartfloAgentNumber!, { digits_dialed: "$digits_dialed" });
    expect((await send(ended)).status).toBe(200);
    const lead = await db.lead.findUniqueOrThrow({ where: { phone: caller }, include: { calls: true } });
    expect(lead).toMatchObject({ source: "Inbound call", subSource: `Called ${e164(did)}` });
    expect(lead.calls[0]).toMatchObject({ dialledNumber: e164(did), ivrDigits: null });

    const listed = numberSourcesResponse.parse((await list(admin.cookie)).json);
    expect(listed.items.some((i) => i.number === e164(did))).toBe(false);
    expect(listed.unmapped.find((u) => u.number === e164(did))).toMatchObject({ inboundCalls30d: 1, leadsCreated30d: 1 });

    // Named: it leaves the offers, and the next new caller gets the source (the first lead keeps its own).
    await put(admin.cookie, { number: did, source: "Hoarding" });
    const after = numberSourcesResponse.parse((await list(admin.cookie)).json);
    expect(after.unmapped.some((u) => u.number === e164(did))).toBe(false);
    expect(after.items.find((i) => i.number === e164(did))).toMatchObject({ source: "Hoarding", inboundCalls30d: 1, leadsCreated30d: 1 });
    const next = uniquePhone();
    const second = inboundCall(did, next.slice(-10), newCallId(), agent.smartfloAgentNumber!);
    expect((await send(second.ended)).status).toBe(200);
    expect((await db.lead.findUniqueOrThrow({ where: { phone: next } })).source).toBe("Hoarding");
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).source).toBe("Inbound call");
  });
});

describe("a new caller whose first delivery did not say which number they dialled", () => {
  it("gets the number's source from a later delivery of the same call; older or edited leads keep theirs", async () => {
    const admin = await session("ADMIN");
    const { user: agent } = await makeUser();
    const did = newDid();
    await put(admin.cookie, { number: did, source: "Pamphlet" });
    const dialledOnAgent = (caller10: string, callId: string) => ({
      body: {
        call_id: callId,
        direction: "inbound",
        agent_number: agent.smartfloAgentNumber!,
        customer_number: caller10,
        call_status: "Ringing",
      },
    });

    // "Dialed on Agent" first (no call_to_number): an "Inbound call" lead; the hangup (SQL fast path) names the number.
    const caller = uniquePhone();
    const callId = newCallId();
    expect((await send(dialledOnAgent(caller.slice(-10), callId))).status).toBe(200);
    expect(await db.lead.findUniqueOrThrow({ where: { phone: caller } })).toMatchObject({ source: "Inbound call", subSource: null });
    const { ended } = inboundCall(did, caller.slice(-10), callId, agent.smartfloAgentNumber!);
    expect((await send(ended)).status).toBe(200);
    const lead = await db.lead.findUniqueOrThrow({ where: { phone: caller }, include: { activities: true } });
    expect(lead).toMatchObject({ source: "Pamphlet", subSource: `Called ${e164(did)}` });
    expect(lead.activities.find((a) => a.type === "LEAD_CREATED")?.payload).toMatchObject({ source: "Pamphlet", dialled: e164(did) });
    const row = (await list(admin.cookie)).json.items.find((i: { number: string }) => i.number === e164(did));
    expect(row).toMatchObject({ inboundCalls30d: 1, leadsCreated30d: 1 });

    // A lead someone has changed since keeps what they wrote.
    const edited = uniquePhone();
    const editedCall = newCallId();
    await send(dialledOnAgent(edited.slice(-10), editedCall));
    await db.lead.update({ where: { phone: edited }, data: { subSource: "Walked in first" } });
    await send(inboundCall(did, edited.slice(-10), editedCall, agent.smartfloAgentNumber!).ended);
    expect(await db.lead.findUniqueOrThrow({ where: { phone: edited } })).toMatchObject({
      source: "Inbound call",
      subSource: "Walked in first",
    });

    // A lead with an earlier call was not made by this one: its source stays.
    const returning = uniquePhone();
    const firstCall = newCallId();
    await send(dialledOnAgent(returning.slice(-10), firstCall));
    const secondCall = newCallId();
    await send(dialledOnAgent(returning.slice(-10), secondCall));
    await send(inboundCall(did, returning.slice(-10), secondCall, agent.smartfloAgentNumber!).ended);
    expect(await db.call.count({ where: { lead: { phone: returning } } })).toBe(2);
    expect((await db.lead.findUniqueOrThrow({ where: { phone: returning } })).source).toBe("Inbound call");
  });
});

describe("the simulator's inbound calls", () => {
  it("carry our number in call_to_number and the caller's key in digits_dialed, and make a lead from the number's source", async () => {
    const admin = await session("ADMIN");
    const { user: agent } = await makeUser();
    const did = newDid();
    await put(admin.cookie, { number: did, source: "Radio ad" });
    sim.configure({ didNumber: did });
    const caller = uniquePhone();
    const played = sim.startCall({
      direction: "inbound",
      agentNumber: agent.smartfloAgentNumber!,
      customerNumber: caller.slice(-10),
      refId: "",
      customIdentifier: null,
      scenario: { outcome: "answer", ringSeconds: 2, talkSeconds: 35, digits: "2" },
    });
    const ended = await until(
      () => db.call.findUnique({ where: { providerCallId: played.callId }, include: { lead: true } }),
      (c) => c?.status === "COMPLETED",
      10_000,
    );
    await sim.settle();
    expect(ended).toMatchObject({ direction: "INBOUND", dialledNumber: e164(did), ivrDigits: "2" });
    expect(ended!.lead).toMatchObject({ phone: caller, source: "Radio ad", subSource: `Called ${e164(did)}` });
    const triggers = sim.webhookLog.filter((w) => w.callId === played.callId).map((w) => w.trigger);
    expect(triggers).toEqual(expect.arrayContaining(["received_on_server", "hangup"]));

    // Without a key pressed, digits_dialed stays the template's placeholder: nothing stored.
    const quiet = sim.startCall({
      direction: "inbound",
      agentNumber: agent.smartfloAgentNumber!,
      customerNumber: uniquePhone().slice(-10),
      refId: "",
      customIdentifier: null,
      scenario: { outcome: "no-answer", ringSeconds: 2, digits: "" },
    });
    const missed = await until(
      () => db.call.findUnique({ where: { providerCallId: quiet.callId } }),
      (c) => c?.status === "MISSED",
      10_000,
    );
    await sim.settle();
    expect(missed).toMatchObject({ dialledNumber: e164(did), ivrDigits: null });
  });
});
