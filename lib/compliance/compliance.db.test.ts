// Calling within Indian rules, against the simulator and the real webhook route: do-not-call by
// every path (API, import, outcome, inbound opt-out) and what it stops (click-to-call 409, the
// dialer) and does not (an inbound call is still logged); the calling hours at click-to-call with
// an admin's one-call permission; the consent rule; who may manage what.
import { afterEach, describe, expect, it } from "vitest";
import * as hoursRoute from "@/app/api/v1/compliance/hours/route";
import { makeLead, makeUser, TEST_PASSWORD, uniquePhone } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import { appError, simulatedSmartflo, until } from "@/scripts/test/simulated-smartflo";
import { send } from "@/scripts/test/webhook";
import { getCall } from "../calls/read-call";
import { startCall } from "../calls/start-call";
import { db } from "../db";
import { nextLead, startSession } from "../dialer/sessions";
import { recordDisposition } from "../dispositions/service";
import { listActivities } from "../leads/activities";
import { readImportFile } from "../leads/csv";
import { importLeads } from "../leads/import";
import { formatPhone } from "../phone";
import { hangupTemplate } from "../smartflo/__fixtures__/deliveries";
import { addDnc, exportDncCsv, importDnc, listDnc, removeDnc } from "./dnc";
import { ALL_DAY_CALLING_HOURS, WEEKDAYS } from "./hours";
import { grantOverride, leadCompliance, updateConsent } from "./lead";
import { erasePerson, exportPerson, findPerson } from "./privacy";
import { pushDncToSmartflo } from "./push";
import { complianceSettingsPatchSchema } from "./schemas";
import { getComplianceSettings, updateComplianceSettings } from "./settings";

const { sim } = simulatedSmartflo();

afterEach(async () => {
  // Back to what the test setup opened: any hour, no consent rule.
  const admin = await makeUser({ role: "ADMIN" });
  await updateComplianceSettings(admin.actor, { callingHours: ALL_DAY_CALLING_HOURS, consentRequiredForPromotional: false, holidays: [] });
});

async function agentWithLead() {
  const agent = await makeUser();
  const lead = await makeLead({ ownerId: agent.user.id });
  sim.setScenario(lead.phone, { outcome: "no-answer", ringSeconds: 1 });
  return { agent, lead };
}

/** Places a call and waits until it has ended. */
async function placeAndEnd(actor: Parameters<typeof startCall>[0]["actor"], leadId: string) {
  const started = await startCall({ actor, leadId });
  return until(
    () => getCall({ actor, id: started.id }),
    (c) => c.status === "MISSED" || c.status === "COMPLETED",
    10_000,
  );
}

describe("do not call", () => {
  it("an admin adds a number: click-to-call is 409 DO_NOT_CALL with why and since when; lifting it allows calls", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { agent, lead } = await agentWithLead();
    expect((await appError(addDnc(agent.actor, { phone: lead.phone, reason: "x" }))).kind).toBe("NOT_FOUND");
    const entry = await addDnc(admin.actor, { phone: lead.phone.replace("+91", "0"), reason: "Complaint by phone" });
    expect(entry).toMatchObject({ phone: lead.phone, source: "API", reason: "Complaint by phone" });
    expect((await appError(addDnc(admin.actor, { phone: lead.phone, reason: "again" }))).details.fields).toHaveProperty("phone");
    expect((await appError(addDnc(admin.actor, { phone: "12", reason: "bad" }))).details.fields).toHaveProperty("phone");

    const refused = await appError(startCall({ actor: agent.actor, leadId: lead.id }));
    expect(refused.kind).toBe("CONFLICT");
    expect(refused.details).toMatchObject({ code: "DO_NOT_CALL", reason: "Complaint by phone" });
    expect(refused.details.since).toBe(entry.createdAt);
    expect(refused.message).toContain("do-not-call list since");
    expect(await db.call.count({ where: { leadId: lead.id } })).toBe(0);
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).doNotCall).toBe(true);
    const view = await leadCompliance(agent.actor, lead.id);
    expect(view.callable).toMatchObject({ ok: false, code: "DO_NOT_CALL" });
    expect(view.phones[0]?.dnc?.reason).toBe("Complaint by phone");
    expect(await db.activity.count({ where: { leadId: lead.id, type: "DO_NOT_CALL" } })).toBe(1);
    // The timeline shows the number as people write it ("+91 98100 15838"), never the stored "+919810015838".
    const timeline = await listActivities({ actor: agent.actor, leadId: lead.id, page: { limit: 50 } });
    const dncEntry = timeline.items.find((a) => a.type === "DO_NOT_CALL");
    expect(dncEntry?.payload.numbers).toEqual([formatPhone(lead.phone)]);
    expect(formatPhone(lead.phone)).toMatch(/^\+91 \d{5} \d{5}$/);
    expect(await db.auditEvent.count({ where: { action: "dnc.added", targetId: lead.phone } })).toBe(1);
    expect((await listDnc(admin.actor, { q: lead.phone.slice(-6), limit: 10 })).items.map((i) => i.phone)).toEqual([lead.phone]);

    await removeDnc(admin.actor, encodeURIComponent(lead.phone));
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).doNotCall).toBe(false);
    expect((await placeAndEnd(agent.actor, lead.id)).status).toBe("MISSED");
    expect(await db.auditEvent.count({ where: { action: "dnc.removed", targetId: lead.phone } })).toBe(1);
  });

  it("a DND list import counts added, listed, duplicate and invalid rows; a later lead with a listed number is DNC", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const [a, b, c] = [uniquePhone(), uniquePhone(), uniquePhone()];
    await addDnc(admin.actor, { phone: c, reason: "earlier" });
    const csv = `Name,Mobile\nOne,${a.slice(3)}\nTwo,${b}\nTwo again,${b}\nThree,${c}\nBad,12345\n`;
    const result = await importDnc(admin.actor, { csv, reason: "NCPR list, Dec" });
    expect(result).toMatchObject({ rows: 5, added: 2, alreadyListed: 1, duplicates: 1, invalidCount: 1 });
    expect(result.invalid[0]).toEqual({ line: 6, value: "12345" });
    const later = await makeLead({ phone: a });
    expect(later.doNotCall).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "dnc.imported" } })).toBeGreaterThan(0);
  });

  it('"Asked not to be called" marks all the lead\'s numbers (an opt-out when inbound); DNC callers are still logged', async () => {
    const { agent, lead } = await agentWithLead();
    const second = uniquePhone();
    await db.leadPhone.create({ data: { leadId: lead.id, number: second, last10: second.slice(-10), label: "WORK" } });
    const call = await placeAndEnd(agent.actor, lead.id);
    await recordDisposition({ actor: agent.actor, callId: call.id, input: { dispositionId: "disp_do_not_call" } });
    const entries = await db.dncEntry.findMany({ where: { leadId: lead.id } });
    expect(entries.map((e) => e.phone).sort()).toEqual([lead.phone, second].sort());
    expect(entries.every((e) => e.source === "OUTCOME" && e.callId === call.id && e.createdById === agent.user.id)).toBe(true);
    expect((await appError(startCall({ actor: agent.actor, leadId: lead.id }))).details.code).toBe("DO_NOT_CALL");

    // The person calls us from a DNC number: the call is logged and on the timeline as always.
    const callId = `17${Date.now()}.${Math.floor(Math.random() * 1e6)}`;
    const res = await send({
      body: hangupTemplate({
        direction: "inbound",
        caller_id_number: lead.phone.slice(-10),
        "customer_no_with_prefix ": lead.phone.slice(-10),
        call_to_number: "08069001234",
        ref_id: "",
        call_id: callId,
        answered_agent_number: agent.user.smartfloAgentNumber!,
        answered_agent: agent.user.smartfloAgentNumber!,
      }),
    });
    expect(res.status).toBe(200);
    const inbound = await db.call.findUniqueOrThrow({ where: { providerCallId: callId } });
    expect(inbound).toMatchObject({ leadId: lead.id, direction: "INBOUND" });

    // On another lead, the same outcome on an inbound call is an opt-out.
    const other = await makeLead({ ownerId: agent.user.id });
    const inCall = await db.call.create({
      data: {
        leadId: other.id,
        agentId: agent.user.id,
        direction: "INBOUND",
        status: "COMPLETED",
        customerNumber: other.phone,
        talkSeconds: 20,
      },
    });
    await recordDisposition({ actor: agent.actor, callId: inCall.id, input: { dispositionId: "disp_do_not_call" } });
    expect((await db.dncEntry.findUniqueOrThrow({ where: { phone: other.phone } })).source).toBe("INBOUND_OPT_OUT");
  });

  it("the preview dialer never offers a DNC lead", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { agent, lead } = await agentWithLead();
    const ok = await makeLead({ ownerId: agent.user.id });
    await addDnc(admin.actor, { phone: lead.phone, reason: "No calls" });
    const session = await startSession(agent.actor, { source: "FILTER", filter: {} });
    const offered = await nextLead(agent.actor, session.id);
    expect(offered.offer?.lead.id).toBe(ok.id);
    expect(offered.progress?.left).toBe(0);
  });

  it("pushes the list to Smartflo's account DND list and blocked numbers, a dry run first", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const phone = uniquePhone();
    await addDnc(admin.actor, { phone, reason: "push me" });
    const dry = await pushDncToSmartflo(admin.actor, { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.toPush).toBeGreaterThan(0);
    expect(sim.dnd.dnd.size).toBe(0);
    const pushed = await pushDncToSmartflo(admin.actor, { dryRun: false });
    expect(pushed.pushed).toBe(Math.min(dry.toPush, 100));
    expect(sim.dnd.dnd.has(phone.slice(-10)) || pushed.left > 0).toBe(true);
    expect(sim.dnd.blocked.size).toBe(sim.dnd.dnd.size);
  });
});

describe("calling hours", () => {
  it("outside the window: 422 OUTSIDE_CALLING_HOURS with the next allowed time; an admin may allow one call", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { agent, lead } = await agentWithLead();
    // A window that has just closed (or, at the very start of the day, not yet opened): never now.
    const closed = Object.fromEntries(WEEKDAYS.map((d) => [d, { from: "23:58", to: "23:59" }]));
    await updateComplianceSettings(admin.actor, { callingHours: closed });
    const refused = await appError(startCall({ actor: agent.actor, leadId: lead.id }));
    expect(refused.kind).toBe("VALIDATION");
    expect(refused.details.code).toBe("OUTSIDE_CALLING_HOURS");
    expect(new Date(String(refused.details.nextAllowedAt)).getTime()).toBeGreaterThan(Date.now());
    expect(refused.message).toContain("IST");
    expect((await leadCompliance(agent.actor, lead.id)).callable).toMatchObject({ ok: false, code: "OUTSIDE_CALLING_HOURS" });

    expect((await appError(grantOverride(agent.actor, { leadId: lead.id, reason: "customer asked" }))).kind).toBe("NOT_FOUND");
    await grantOverride(admin.actor, { leadId: lead.id, reason: "Customer asked for a call at 10 pm" });
    expect((await leadCompliance(agent.actor, lead.id)).callable.ok).toBe(true);
    // A call Smartflo refuses does not use the permission up.
    sim.addFault({ kind: "success-false", path: "/click_to_call", times: 1 });
    expect((await appError(startCall({ actor: agent.actor, leadId: lead.id }))).kind).toBe("UPSTREAM");
    expect(await db.auditEvent.count({ where: { action: "compliance.override_used", targetId: lead.id } })).toBe(0);
    expect((await leadCompliance(agent.actor, lead.id)).callable.ok).toBe(true);
    expect((await placeAndEnd(agent.actor, lead.id)).status).toBe("MISSED");
    expect((await appError(startCall({ actor: agent.actor, leadId: lead.id }))).details.code).toBe("OUTSIDE_CALLING_HOURS");
    expect(await db.auditEvent.count({ where: { action: "compliance.override_used", targetId: lead.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "compliance.override_granted", targetId: lead.id } })).toBe(1);
  });

  it("GET /api/v1/compliance/hours tells any signed-in user whether calls are allowed now, and when they open", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const agent = await makeUser();
    const cookie = await signIn(agent.user.email, TEST_PASSWORD);
    const path = "/api/v1/compliance/hours";
    expect((await call(hoursRoute.GET, { path })).status).toBe(401);
    const open = await call(hoursRoute.GET, { path, cookie });
    expect(open.status).toBe(200);
    expect(open.json).toMatchObject({ open: true, nextAllowedAt: null, opensAt: null });
    await updateComplianceSettings(admin.actor, {
      callingHours: Object.fromEntries(WEEKDAYS.map((d) => [d, { from: "23:58", to: "23:59" }])),
    });
    const closed = await call(hoursRoute.GET, { path, cookie });
    expect(closed.json).toMatchObject({ open: false, closesAt: null });
    expect(Date.parse(closed.json.nextAllowedAt)).toBeGreaterThan(Date.now());
    expect(closed.json.opensAt).toMatch(/23:58 IST$/);
  });

  it("settings: only admins change them; PUT merges; bad input names the field", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const manager = await makeUser({ role: "MANAGER" });
    expect((await appError(updateComplianceSettings(manager.actor, { holidays: [] }))).kind).toBe("NOT_FOUND");
    const next = await updateComplianceSettings(admin.actor, { holidays: ["2026-12-25", "2026-12-25"], callingHours: { sun: null } });
    expect(next.holidays).toEqual(["2026-12-25"]);
    expect(next.callingHours.sun).toBeNull();
    expect(next.callingHours.mon).toEqual(ALL_DAY_CALLING_HOURS.mon);
    expect((await getComplianceSettings()).recordingNotice).toContain("recorded");
    const bad = complianceSettingsPatchSchema.safeParse({
      holidays: ["2026-02-30"],
      callingHours: { mon: { from: "21:00", to: "09:00" } },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["callingHours.mon.to", "holidays.0"]);
  });
});

describe("consent", () => {
  it("with the rule on, promotional calls need consent (409 NO_CONSENT); service calls do not; withdrawal stops calls again", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { agent, lead } = await agentWithLead();
    await updateComplianceSettings(admin.actor, { consentRequiredForPromotional: true });
    const refused = await appError(startCall({ actor: agent.actor, leadId: lead.id }));
    expect(refused.details.code).toBe("NO_CONSENT");
    expect(refused.kind).toBe("CONFLICT");

    const given = await updateConsent(agent.actor, lead.id, { consentMethod: "WEB_FORM", consentText: "I agree to calls (v3)" });
    expect(given.consent).toMatchObject({ given: true, method: "WEB_FORM", text: "I agree to calls (v3)" });
    expect((await placeAndEnd(agent.actor, lead.id)).status).toBe("MISSED");

    await updateConsent(agent.actor, lead.id, { withdrawn: true });
    expect((await appError(startCall({ actor: agent.actor, leadId: lead.id }))).message).toContain("withdrew");
    // The agent cannot switch the rule off for their own lead: no service purpose, no unticking, no backdating.
    const field = async (input: Parameters<typeof updateConsent>[2]) =>
      Object.keys((await appError(updateConsent(agent.actor, lead.id, input))).details.fields ?? {});
    expect(await field({ purpose: "SERVICE" })).toEqual(["purpose"]);
    expect(await field({ withdrawn: false })).toEqual(["withdrawn"]);
    expect(await field({ consentMethod: "DOCUMENT", consentAt: new Date(Date.now() - 86_400_000) })).toEqual(["consentAt"]);
    const manager = await makeUser({ role: "MANAGER", agentNumber: null });
    await updateConsent(manager.actor, lead.id, { purpose: "SERVICE" });
    expect((await placeAndEnd(agent.actor, lead.id)).status).toBe("MISSED");
    expect(await db.activity.count({ where: { leadId: lead.id, type: "CONSENT" } })).toBe(3);
  });
});

describe("consent columns in a lead import", () => {
  it("records purpose and consent per row; bad values name the column", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const [a, b, c] = [uniquePhone(), uniquePhone(), uniquePhone()];
    const { rows } = readImportFile(
      "name,phone,purpose,consent,consent date,consent text\n" +
        `Asha,${a},promotional,web form,2026-11-20T10:00:00+05:30,Form v2\n` +
        `Bala,${b},service,,,\n` +
        `Chitra,${c},marketing,by pigeon,tomorrow,\n`,
    );
    const out = await importLeads({ actor: admin.actor, input: { rows, dryRun: false } });
    expect(out).toMatchObject({ ok: 2, invalid: 1, created: 2 });
    expect(Object.keys(out.reports.find((r) => r.line === 4)!.errors ?? {}).sort()).toEqual(["consentAt", "consentMethod", "purpose"]);
    expect(await db.lead.findUniqueOrThrow({ where: { phone: a } })).toMatchObject({
      purpose: "PROMOTIONAL",
      consentMethod: "WEB_FORM",
      consentAt: new Date("2026-11-20T04:30:00Z"),
      consentText: "Form v2",
    });
    expect(await db.lead.findUniqueOrThrow({ where: { phone: b } })).toMatchObject({ purpose: "SERVICE", consentMethod: null });
  });
});

describe("who may manage compliance", () => {
  it("only admins manage the list, the settings, data requests and overrides; agents and managers get 404", async () => {
    const lead = await makeLead();
    for (const role of ["AGENT", "MANAGER"] as const) {
      const { actor } = await makeUser({ role });
      const refused = [
        listDnc(actor, { limit: 10 }),
        addDnc(actor, { phone: lead.phone, reason: "x" }),
        removeDnc(actor, lead.phone),
        importDnc(actor, { csv: "phone\n9876543210\n", reason: "x" }),
        exportDncCsv(actor),
        pushDncToSmartflo(actor, { dryRun: true }),
        updateComplianceSettings(actor, { consentRequiredForPromotional: true }),
        exportPerson(actor, { leadId: lead.id, format: "json" }),
        erasePerson(actor, { leadId: lead.id, confirm: "ERASE" }),
        findPerson(actor, lead.phone),
        grantOverride(actor, { leadId: lead.id, reason: "because" }),
      ];
      for (const attempt of refused) expect((await appError(attempt)).kind, role).toBe("NOT_FOUND");
    }
    expect((await getComplianceSettings()).consentRequiredForPromotional).toBe(false);
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).erasedAt).toBeNull();
  });
});
