// Several numbers per lead: create and edit them, clashes, the old `phone` field, and every number
// used by search, inbound matching and import; our own numbers never taken for a lead; and the
// migration that made every existing number its lead's primary.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeLead, makeUser, uniquePhone } from "../../scripts/test/factories";
import { send } from "../../scripts/test/webhook";
import { startCall } from "../calls/start-call";
import { db } from "../db";
import { AppError } from "../errors";
import { seedDemoData } from "../seed/demo";
import { addOwnNumber } from "../telephony/own-numbers";
import { createLead } from "./create-lead";
import { importLeads } from "./import";
import { listLeads } from "./list";
import { getLead } from "./read-lead";
import { listLeadsQuerySchema, updateLeadSchema } from "./schemas";
import { updateLead } from "./update-lead";

async function appError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const digits = (e164: string) => e164.slice(3);

describe("a lead's numbers", () => {
  it("are created labelled, one primary, kept in `phone`; edited as a set; `phone` alone replaces the primary", async () => {
    const { actor } = await makeUser();
    const [mobile, work, home] = [uniquePhone(), uniquePhone(), uniquePhone()];
    const lead = await createLead({
      actor,
      input: {
        name: "Many Numbers",
        phones: [
          { number: digits(mobile), label: "MOBILE" },
          { number: `0${digits(work)}`, label: "WORK", primary: true },
        ],
      },
    });
    expect(lead.phone).toBe(work);
    expect(lead.phones).toEqual([
      expect.objectContaining({ number: work, label: "WORK", primary: true }),
      expect.objectContaining({ number: mobile, label: "MOBILE", primary: false }),
    ]);

    // The set replaced: the mobile becomes primary, the work number goes, a home number comes.
    const patch = updateLeadSchema.parse({
      phones: [
        { number: mobile, primary: true },
        { number: home, label: "HOME" },
      ],
    });
    const edited = await updateLead({ actor, id: lead.id, patch });
    expect(edited.phone).toBe(mobile);
    expect(edited.phones.map((p) => [p.number, p.label, p.primary])).toEqual([
      [mobile, "MOBILE", true],
      [home, "HOME", false],
    ]);
    expect(await db.leadPhone.findUnique({ where: { number: work } })).toBeNull();

    // Older clients: `phone` replaces the primary and keeps the others.
    const other = uniquePhone();
    const replaced = await updateLead({ actor, id: lead.id, patch: updateLeadSchema.parse({ phone: other }) });
    expect(replaced.phone).toBe(other);
    expect(replaced.phones.map((p) => p.number).sort()).toEqual([other, home].sort());
    expect(replaced.phones.filter((p) => p.primary)).toHaveLength(1);
    const changes = await db.activity.findMany({ where: { leadId: lead.id, type: "PHONE_CHANGE" } });
    expect(changes).toHaveLength(2);
  });

  it("keep the order the agent gave them, and the timeline says which number was added or removed", async () => {
    const { actor } = await makeUser();
    const [a, b, c] = [uniquePhone(), uniquePhone(), uniquePhone()];
    const lead = await createLead({ actor, input: { name: "Ordered", phones: [{ number: a, primary: true }, { number: b }] } });
    const edit = (numbers: string[]) =>
      updateLead({
        actor,
        id: lead.id,
        patch: updateLeadSchema.parse({ phones: numbers.map((number, i) => ({ number, primary: i === 0 })) }),
      });
    expect((await edit([a, c, b])).phones.map((p) => p.number)).toEqual([a, c, b]);
    expect((await getLead({ actor, id: lead.id })).phones.map((p) => p.number)).toEqual([a, c, b]);
    expect((await edit([a, b, c])).phones.map((p) => p.number)).toEqual([a, b, c]);
    const added = await db.activity.findFirstOrThrow({ where: { leadId: lead.id, type: "PHONE_CHANGE" }, orderBy: { createdAt: "asc" } });
    expect(added.payload).toMatchObject({ from: a, to: a, before: [a, b], numbers: [a, c, b] });
  });

  it("refuses a number another lead has (any of its numbers) with a 409 naming the lead and the field", async () => {
    const { actor } = await makeUser();
    const secondary = uniquePhone();
    const owner = await createLead({ actor, input: { name: "First", phones: [{ number: uniquePhone() }, { number: secondary }] } });
    const clash = await appError(
      createLead({ actor, input: { name: "Second", phones: [{ number: uniquePhone() }, { number: secondary }] } }),
    );
    expect(clash.kind).toBe("CONFLICT");
    expect(clash.details.fields).toEqual({ "phones.1.number": "is already used by another lead" });
    expect(clash.details.existingLead).toEqual({ id: owner.id, name: "First" });
    const viaPhone = await appError(createLead({ actor, input: { name: "Third", phone: secondary } }));
    expect(viaPhone.details.fields).toEqual({ phone: "is already used by another lead" });
    const twoPrimaries = await appError(
      createLead({
        actor,
        input: {
          name: "Fourth",
          phones: [
            { number: uniquePhone(), primary: true },
            { number: uniquePhone(), primary: true },
          ],
        },
      }),
    );
    expect(twoPrimaries.kind).toBe("VALIDATION");
  });

  it("are all searched, matched for inbound calls, and checked by the import", async () => {
    const { actor } = await makeUser();
    const secondary = uniquePhone();
    const lead = await createLead({
      actor,
      input: { name: "Secondary Caller", phones: [{ number: uniquePhone() }, { number: secondary, label: "WORK" }] },
    });
    const found = await listLeads({ actor, query: listLeadsQuerySchema.parse({ q: digits(secondary).slice(2) }) });
    expect(found.items.map((l) => l.id)).toEqual([lead.id]);

    // An inbound call from the work number lands on this lead, and its timeline says which number.
    const res = await send({
      body: { call_id: `sec-${Date.now()}`, direction: "inbound", call_status: "missed", caller_id_number: `0${digits(secondary)}` },
    });
    expect(res.status).toBe(200);
    const call = await db.call.findFirstOrThrow({ where: { leadId: lead.id } });
    expect(call.customerNumber).toBe(secondary);
    expect(await db.lead.count({ where: { phone: secondary } })).toBe(0); // no "Caller …" lead was made

    const manager = await makeUser({ role: "MANAGER" });
    const report = await importLeads({ actor: manager.actor, input: { dryRun: true, rows: [{ line: 2, name: "Dup", phone: secondary }] } });
    expect(report.reports[0]).toMatchObject({ status: "duplicate" });
  });

  it("are the only numbers click-to-call dials: the one clicked, never another lead's", async () => {
    const { actor } = await makeUser();
    const stranger = await makeLead();
    const lead = await createLead({ actor, input: { name: "Pick One", phones: [{ number: uniquePhone() }, { number: uniquePhone() }] } });
    const refused = await appError(startCall({ actor, leadId: lead.id, phone: stranger.phone }));
    expect(refused.details.fields).toHaveProperty("phone");
  });
});

describe("our own numbers", () => {
  it("are never a customer: a delivery from an agent's phone or a listed number creates nothing and stays unmatched", async () => {
    const { actor: admin } = await makeUser({ role: "ADMIN" });
    const agentNumber = `9${String(Date.now()).slice(-9)}`;
    await makeUser({ agentNumber });
    const did = uniquePhone();
    await addOwnNumber(admin, { number: digits(did), label: "Main line" });
    for (const from of [agentNumber, digits(did)]) {
      const leadsBefore = await db.lead.count();
      const res = await send({ body: { call_id: `own-${from}`, direction: "inbound", call_status: "missed", caller_id_number: from } });
      expect(res.status).toBe(200);
      const stored = await db.webhookEvent.findUniqueOrThrow({ where: { id: res.eventId! } });
      expect(stored.status).toBe("UNMATCHED");
      expect(stored.error).toBe("own number");
      expect(await db.lead.count()).toBe(leadsBefore);
    }
  });
});

describe("the migration to several numbers per lead", () => {
  it("makes every number of the demo data its lead's primary, losing none", async () => {
    const { actor } = await makeUser({ role: "ADMIN" });
    await seedDemoData(db, { password: "demo-password-for-test", leadCount: 40 });
    // The database as it was before the migration: no lead_phone rows. Then the migration's data step.
    await db.$executeRawUnsafe("ALTER TABLE lead DISABLE TRIGGER lead_primary_phone");
    await db.leadPhone.deleteMany({});
    const dir = (await import("node:fs/promises")).readdir;
    const name = (await dir(path.resolve("prisma/migrations"))).find((d) => d.endsWith("_phones_campaigns_dialer"))!;
    const sql = await readFile(path.resolve("prisma/migrations", name, "migration.sql"), "utf8");
    const backfill = sql.slice(sql.indexOf("-- Every existing number becomes"));
    await db.$executeRawUnsafe(backfill);
    await db.$executeRawUnsafe("ALTER TABLE lead ENABLE TRIGGER lead_primary_phone");
    const leads = await db.lead.findMany({ select: { id: true, phone: true, phoneLast10: true } });
    expect(leads.length).toBeGreaterThanOrEqual(40);
    const phones = await db.leadPhone.findMany();
    expect(phones).toHaveLength(leads.length);
    for (const l of leads) {
      expect(phones.filter((p) => p.leadId === l.id)).toEqual([
        expect.objectContaining({ number: l.phone, last10: l.phoneLast10, primary: true, label: "MOBILE" }),
      ]);
    }
    expect((await getLead({ actor, id: leads[0]!.id })).phones).toHaveLength(1);
    // The demo's routing rule would route other files' leads (they share this database).
    await db.routingRule.deleteMany({});
  });
});
