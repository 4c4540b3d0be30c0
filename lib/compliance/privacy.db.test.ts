// A person's data on request: the export holds everything (JSON and CSV); the erasure leaves no
// table holding their number or name — every text and JSON column of the database is searched —
// while the dashboard's counts stay and their opt-out still blocks the number. Recording retention.
import { describe, expect, it } from "vitest";
import { makeLead, makeUser, uniquePhone } from "@/scripts/test/factories";
import { appError, simulatedSmartflo } from "@/scripts/test/simulated-smartflo";
import { send } from "@/scripts/test/webhook";
import { streamRecording } from "../calls/recording";
import { dashboard } from "../dashboard/service";
import { db } from "../db";
import { addNote } from "../leads/activities";
import { hangupTemplate } from "../smartflo/__fixtures__/deliveries";
import { istDay } from "../time/india";
import { addDnc } from "./dnc";
import { erasePerson, exportPerson, findPerson } from "./privacy";
import { purgeOldRecordings } from "./retention";
import { updateComplianceSettings } from "./settings";

simulatedSmartflo();

/** Every (table, column) of type text, varchar or json(b) in the public schema holding `needle`. */
async function whereIs(needle: string) {
  const columns = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`;
  const found: string[] = [];
  for (const c of columns) {
    const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${c.table_name}" WHERE "${c.column_name}"::text ILIKE $1`,
      `%${needle}%`,
    );
    if (Number(rows[0]!.n) > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

describe("a person's data on request", () => {
  it("exports everything, then erases it: no table holds the number or the name; counts and the opt-out stay", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const manager = await makeUser({ role: "MANAGER" });
    const agent = await makeUser({ managerId: manager.user.id });
    const name = `Zorawar Quixote ${Math.random().toString(36).slice(2, 6)}`;
    const lead = await makeLead({ ownerId: agent.user.id, name });
    const second = uniquePhone();
    await db.lead.update({ where: { id: lead.id }, data: { email: "zorawar@example.in" } });
    await db.leadPhone.create({ data: { leadId: lead.id, number: second, last10: second.slice(-10), label: "HOME" } });
    await addNote({ actor: agent.actor, leadId: lead.id, input: { body: `Spoke to ${name} on ${second}` } });
    await db.task.create({ data: { leadId: lead.id, title: `Call back ${name}`, dueAt: new Date(), assigneeId: agent.user.id } });
    // A webhook for an answered call to them, with a recording, through the real route.
    const callId = `17${Date.now()}.${Math.floor(Math.random() * 1e6)}`;
    const delivery = {
      body: hangupTemplate({
        call_to_number: lead.phone.slice(-10),
        "customer_no_with_prefix ": `91${lead.phone.slice(-10)}`,
        call_id: callId,
        ref_id: lead.id,
        uuid: `u-${callId}`,
        answered_agent_number: agent.user.smartfloAgentNumber!,
        answered_agent: agent.user.smartfloAgentNumber!,
      }),
    };
    expect((await send(delivery)).status).toBe(200);
    const call = await db.call.findUniqueOrThrow({ where: { providerCallId: callId } });
    expect(call.recordingUrl).not.toBeNull();
    await addDnc(admin.actor, { phone: second, reason: "Asked by email" });
    // What they sent through a lead source: one delivery made their lead; a later one, holding the other number, made none.
    const source = await db.leadSource.create({ data: { name: `Privacy ${Math.random().toString(36).slice(2)}`, tokenHash: "x" } });
    await db.leadDelivery.create({
      data: {
        sourceId: source.id,
        body: JSON.stringify({ name, phone: lead.phone }),
        payload: { name },
        status: "CREATED",
        leadId: lead.id,
      },
    });
    const mobile = `+91-${second.slice(-10)}`;
    await db.leadDelivery.create({ data: { sourceId: source.id, body: `{"mobile":"${mobile}"}`, payload: { mobile }, status: "FAILED" } });

    expect((await findPerson(admin.actor, name.split(" ")[1]!)).items.map((i) => i.id)).toContain(lead.id);
    expect((await appError(exportPerson(manager.actor, { leadId: lead.id, format: "json" }))).kind).toBe("NOT_FOUND");
    const exported = await exportPerson(admin.actor, { phone: second, format: "json" });
    if (exported.format !== "json") throw new Error("expected JSON");
    expect(exported.json.lead).toMatchObject({ id: lead.id, name });
    expect(exported.json.numbers.map((n) => n.number).sort()).toEqual([lead.phone, second].sort());
    expect(exported.json.calls.map((c) => c.id)).toEqual([call.id]);
    expect(exported.json.notes).toHaveLength(1);
    expect(exported.json.tasks).toHaveLength(1);
    expect(exported.json.webhookDeliveries.length).toBeGreaterThan(0);
    expect(exported.json.leadDeliveries.map((d) => d.status).sort()).toEqual(["CREATED", "FAILED"]);
    expect(exported.json.doNotCall).toHaveLength(1);
    const csv = await exportPerson(admin.actor, { leadId: lead.id, format: "csv" });
    if (csv.format !== "csv") throw new Error("expected CSV");
    expect(csv.csv.split("\r\n")[0]).toBe("record,id,time,field,value");
    expect(csv.csv).toContain(`lead,${lead.id}`);
    expect(csv.csv).toContain("webhook_delivery,");

    const day = istDay(call.createdAt);
    const before = await dashboard({ actor: manager.actor, query: { from: day, to: day } });
    expect((await whereIs(lead.phone.slice(-10))).length).toBeGreaterThan(0);
    expect((await appError(erasePerson(admin.actor, { leadId: lead.id, confirm: "yes" }))).details.fields).toHaveProperty("confirm");
    const erased = await erasePerson(admin.actor, { leadId: lead.id, confirm: "ERASE" });
    expect(erased.erased.calls).toBe(1);

    for (const needle of [lead.phone.slice(-10), second.slice(-10), name, "zorawar@example.in", "Quixote"])
      expect({ needle, found: await whereIs(needle) }).toEqual({ needle, found: [] });
    const after = await dashboard({ actor: manager.actor, query: { from: day, to: day } });
    expect(after.totals).toEqual(before.totals);
    expect(await db.call.count({ where: { leadId: lead.id } })).toBe(1);
    expect(await db.activity.count({ where: { leadId: lead.id, type: "ERASURE" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "privacy.erased", targetId: lead.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "privacy.exported" } })).toBeGreaterThanOrEqual(2);
    // A late redelivery of the call's webhook does not bring the number or the recording back.
    expect((await send({ body: { ...delivery.body, billsec: "96", outbound_sec: "76", duration: "96" } })).status).toBe(200);
    expect(await db.call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ customerNumber: null, recordingUrl: null });
    // The opt-out outlives the data: the number, back as a new lead, is still do-not-call.
    expect((await makeLead({ phone: second })).doNotCall).toBe(true);
    expect((await makeLead({ phone: lead.phone })).doNotCall).toBe(false);
  });
});

describe("an erasure touches the person and nobody else", () => {
  it("redacts whole values of theirs, finds their number in any format or GET query, blanks free text, refuses our numbers", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const agent = await makeUser();
    const phone = uniquePhone();
    const lead = await makeLead({ ownerId: agent.user.id, name: "Al", phone });
    const [spaced, dashed] = [`${phone.slice(3, 8)} ${phone.slice(8)}`, `+91-${phone.slice(3)}`];
    // Unrelated rows whose text merely contains "al" (or a wildcard would match): never touched.
    const bystanders = await Promise.all(
      [{ note: "local" }, { enabled: false }, { name: "Al_bert" }, { name: "Alka" }].map((after) =>
        db.auditEvent.create({ data: { action: "settings.updated", actorEmail: "someone@demo.local", after } }),
      ),
    );
    const named = await db.auditEvent.create({ data: { action: "settings.updated", after: { lead: { name: "Al", phone: spaced } } } });
    // Deliveries holding the number in other formats (a POST body, a GET query), not linked to the lead.
    const inBody = await db.webhookEvent.create({
      data: { method: "POST", headers: {}, query: {}, body: JSON.stringify({ caller: spaced }), status: "UNMATCHED" },
    });
    const inQuery = await db.webhookEvent.create({ data: { method: "GET", headers: {}, query: { from: dashed }, status: "UNMATCHED" } });
    const other = await db.webhookEvent.create({
      data: { method: "POST", headers: {}, query: {}, body: JSON.stringify({ start_stamp: "2026-12-03 10:15:42" }), status: "UNMATCHED" },
    });
    await addDnc(admin.actor, { phone, reason: "Al asked not to be called" });
    await db.callingOverride.create({
      data: {
        leadId: lead.id,
        grantedById: admin.user.id,
        reason: "Al asked for a call at 22:00",
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });

    // One of our own numbers is nobody's personal data: refused in words.
    const agentNumber = agent.user.smartfloAgentNumber!;
    // Thunks, each awaited in turn (an eagerly made promise rejects before its await: an unhandled rejection).
    for (const attempt of [
      () => findPerson(admin.actor, agentNumber),
      () => exportPerson(admin.actor, { phone: agentNumber, format: "json" }),
      () => erasePerson(admin.actor, { phone: agentNumber, confirm: "ERASE" }),
    ]) {
      const refused = await appError(attempt());
      expect(refused.kind).toBe("VALIDATION");
      expect(JSON.stringify(refused.details.fields)).toMatch(/one of our own numbers/);
    }

    await erasePerson(admin.actor, { leadId: lead.id, confirm: "ERASE" });
    for (const b of bystanders) expect((await db.auditEvent.findUniqueOrThrow({ where: { id: b.id } })).after).toEqual(b.after);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: named.id } })).after).toEqual({ redacted: "personal data erased" });
    for (const d of [inBody, inQuery]) {
      const row = await db.webhookEvent.findUniqueOrThrow({ where: { id: d.id } });
      expect({ body: row.body, query: row.query }).toEqual({ body: null, query: {} });
    }
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: other.id } })).body).not.toBeNull();
    expect((await db.dncEntry.findFirstOrThrow({ where: { leadId: lead.id } })).reason).not.toMatch(/Al/);
    expect((await db.callingOverride.findFirstOrThrow({ where: { leadId: lead.id } })).reason).not.toMatch(/Al/);
  });
});

describe("recording retention", () => {
  it("deletes recordings older than the retention, says so on the call, and stops serving them", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const agent = await makeUser();
    const lead = await makeLead({ ownerId: agent.user.id });
    /** An answered call with a recording that ended `days` ago. */
    const recorded = (name: string, days: number) =>
      db.call.create({
        data: {
          leadId: lead.id,
          agentId: agent.user.id,
          direction: "OUTBOUND",
          status: "COMPLETED",
          talkSeconds: 40,
          recordingUrl: `https://recordings.example.com/${name}.mp3`,
          endedAt: new Date(Date.now() - days * 86_400_000),
        },
      });
    const old = await recorded("old", 40);
    const recent = await recorded("recent", 10);
    expect(await purgeOldRecordings()).toBe(0); // no retention set: kept
    await updateComplianceSettings(admin.actor, { recordingRetentionDays: 30 });
    try {
      expect(await purgeOldRecordings()).toBeGreaterThanOrEqual(1);
      const gone = await db.call.findUniqueOrThrow({ where: { id: old.id } });
      expect(gone).toMatchObject({ recordingUrl: null, recordingKeptDays: 30 });
      expect(gone.recordingDeletedAt).not.toBeNull();
      expect((await db.call.findUniqueOrThrow({ where: { id: recent.id } })).recordingUrl).not.toBeNull();
      const refused = await appError(streamRecording({ actor: agent.actor, id: old.id, range: null }));
      expect(refused.details.code).toBe("RECORDING_DELETED");
      expect(refused.message).toBe("The recording was deleted after 30 days");
      expect(await db.auditEvent.count({ where: { action: "recordings.deleted" } })).toBeGreaterThan(0);
    } finally {
      await updateComplianceSettings(admin.actor, { recordingRetentionDays: null });
    }
  });
});
