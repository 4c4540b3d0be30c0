import { describe, expect, it } from "vitest";
import { simulatedLeadSources } from "@/scripts/test/simulated-lead-sources";
import { db } from "../db";
import { backfill, fetchLead, receiveNotification } from "./meta";
import { metaSignature } from "./meta-protocol";
import { connectorSource } from "./settings";
import { SIM_SECRETS } from "./simulator/secrets";

const { sim } = simulatedLeadSources();

async function deliveriesOf(leadgenId: string) {
  const source = await connectorSource("META");
  return db.leadDelivery.findMany({ where: { sourceId: source.id, dedupeKey: `id:${leadgenId}` }, orderBy: { receivedAt: "asc" } });
}

describe("Meta Lead Ads", () => {
  it("answers the subscription handshake only with the verify token", async () => {
    expect(await sim.meta.handshake({})).toMatchObject({ status: 200, verified: true });
    expect(await sim.meta.handshake({ verifyToken: "not-our-token" })).toMatchObject({ status: 403, verified: false });
  });

  it("makes a lead from a signed notification: answers from Graph, form as sub-source, campaign, consent", async () => {
    const made = await sim.meta.newLead({});
    expect(made.statuses).toEqual([200]);
    const [delivery] = await deliveriesOf(made.leadgenId);
    expect(delivery).toMatchObject({ status: "CREATED" });
    const lead = await db.lead.findUniqueOrThrow({ where: { id: delivery!.leadId! } });
    expect(lead).toMatchObject({
      name: made.name,
      phone: made.phone,
      source: "Meta Lead Ads",
      subSource: "2BHK Whitefield – Diwali offer",
      consentMethod: "WEB_FORM",
    });
    expect(lead.attribution).toMatchObject({
      utmSource: "facebook",
      utmMedium: "paid",
      utmCampaign: "Diwali Bengaluru – Leads",
      utmContent: "Carousel – sample flat",
    });
    // The custom question is kept in the delivery for mappings and custom fields.
    expect(delivery!.payload).toMatchObject({ "when_do_you_plan_to_buy?": expect.any(String), leadgen_id: made.leadgenId });
    // The form's own question, in its words, is a note on the lead.
    const note = await db.activity.findFirstOrThrow({ where: { leadId: lead.id, type: "NOTE" } });
    expect((note.payload as { body: string }).body).toMatch(/^When do you plan to buy\?: /);
    // The raw Graph answer is the delivery's body.
    expect(JSON.parse(delivery!.body!)).toMatchObject({ id: made.leadgenId, field_data: expect.any(Array) });
  });

  it("refuses a body changed by one byte, and keeps it as refused (digest only)", async () => {
    const raw = JSON.stringify({
      object: "page",
      entry: [{ id: "1", time: 1, changes: [{ field: "leadgen", value: { leadgen_id: "777000111" } }] }],
    });
    const signature = metaSignature(SIM_SECRETS.metaAppSecret, raw);
    const tampered = Buffer.from(raw.replace("777000111", "777000112"));
    await expect(receiveNotification({ raw: tampered, signature, contentType: "application/json" })).rejects.toMatchObject({
      kind: "FORBIDDEN",
    });
    const source = await connectorSource("META");
    const refused = await db.leadDelivery.findFirstOrThrow({
      where: { sourceId: source.id, status: "REFUSED" },
      orderBy: { receivedAt: "desc" },
    });
    expect(refused.body).toBeNull();
    expect(refused.reason).toMatch(/signature does not match/);
    // The untouched bytes pass.
    const ok = await receiveNotification({ raw: Buffer.from(raw), signature, contentType: "application/json" });
    expect(ok.leads).toHaveLength(1);
    // A badly signed notification over HTTP: 403.
    const bad = await sim.meta.newLead({ badSignature: true });
    expect(bad.statuses).toEqual([403]);
    expect(await deliveriesOf(bad.leadgenId)).toHaveLength(0);
  });

  it("makes one lead however often Meta redelivers, also at once", async () => {
    const made = await sim.meta.newLead({ duplicates: 2 });
    expect(made.statuses).toEqual([200, 200, 200]);
    const lead = sim.meta.leads.find((l) => l.id === made.leadgenId)!;
    await Promise.all([sim.meta.notify(lead), sim.meta.notify(lead), sim.meta.notify(lead)]);
    const rows = await deliveriesOf(made.leadgenId);
    expect(rows.filter((r) => r.status === "CREATED")).toHaveLength(1);
    expect(rows.filter((r) => r.status === "DUPLICATE")).toHaveLength(5);
    expect(await db.lead.count({ where: { phone: made.phone } })).toBe(1);
  });

  it("keeps a lead waiting while Graph refuses the token or throttles, and makes it on the retry", async () => {
    sim.faults.push({ target: "graph", kind: "expired_token", times: 1 });
    const made = await sim.meta.newLead({});
    let [row] = await deliveriesOf(made.leadgenId);
    expect(row).toMatchObject({ status: "RECEIVED", leadId: null });
    expect(row!.reason).toMatch(/Waiting for Meta: the Page access token was refused/);
    expect(await db.integration.findUniqueOrThrow({ where: { kind: "META" } })).toMatchObject({
      lastError: expect.stringMatching(/Session has expired/),
    });

    sim.faults.push({ target: "graph", kind: "rate_limit", times: 1 });
    await expect(fetchLead(row!.id)).rejects.toMatchObject({ kind: "rate_limit" });
    expect(await fetchLead(row!.id)).toMatchObject({ status: "CREATED" });
    [row] = await deliveriesOf(made.leadgenId);
    expect(row).toMatchObject({ status: "CREATED", attempts: 3 });
    // Health clears on success.
    expect(await db.integration.findUniqueOrThrow({ where: { kind: "META" } })).toMatchObject({ lastError: null });
  });

  it("backfills a lead whose notification never came, once", async () => {
    const lost = await sim.meta.newLead({ deliver: false, formId: "2400000000000029" });
    const delivered = await sim.meta.newLead({});
    expect(await deliveriesOf(lost.leadgenId)).toHaveLength(0);
    const first = await backfill();
    expect(first).toMatchObject({ status: "done", forms: 2, made: 1 });
    const [row] = await deliveriesOf(lost.leadgenId);
    expect(row).toMatchObject({ status: "CREATED" });
    expect(await db.lead.findUniqueOrThrow({ where: { id: row!.leadId! } })).toMatchObject({
      source: "Meta Lead Ads",
      subSource: "Home loan enquiry",
    });
    // Again: nothing new, nothing twice.
    expect(await backfill()).toMatchObject({ status: "done", made: 0 });
    expect(await deliveriesOf(lost.leadgenId)).toHaveLength(1);
    expect(await deliveriesOf(delivered.leadgenId)).toHaveLength(1);
  });

  it("backfill completes a lead whose fetch kept failing", async () => {
    sim.faults.push({ target: "graph", kind: "unavailable", times: 1 });
    const made = await sim.meta.newLead({});
    const [waiting] = await deliveriesOf(made.leadgenId);
    expect(waiting!.status).toBe("RECEIVED");
    await backfill();
    const rows = await deliveriesOf(made.leadgenId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: waiting!.id, status: "CREATED" });
    // The job's late retry finds it done and changes nothing.
    expect(await fetchLead(waiting!.id)).toBeNull();
  });

  it("reads a form's answers by its mapping", async () => {
    const made = await sim.meta.newLead({ deliver: false, formId: "2400000000000029" });
    await backfill();
    const { setFormMapping } = await import("./admin");
    const { makeUser } = await import("@/scripts/test/factories");
    const { actor } = await makeUser({ role: "ADMIN" });
    await setFormMapping({ actor, formId: "2400000000000029", mapping: { message: "monthly_income" } });
    const again = await sim.meta.newLead({ formId: "2400000000000029" });
    const [row] = await deliveriesOf(again.leadgenId);
    const notes = await db.activity.findMany({ where: { leadId: row!.leadId!, type: "NOTE" } });
    expect(notes.map((n) => (n.payload as { body: string }).body)).toEqual(["₹1,20,000"]);
    expect(made.leadgenId).not.toBe(again.leadgenId);
  });
});
