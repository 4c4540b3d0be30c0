import { describe, expect, it } from "vitest";
import { simulatedLeadSources } from "@/scripts/test/simulated-lead-sources";
import { db } from "../db";
import { receiveGoogleLead } from "./google-ads";
import { connectorSource } from "./settings";
import { SIM_SECRETS } from "./simulator/secrets";

const { sim } = simulatedLeadSources();

async function deliveriesOf(leadId: string) {
  const source = await connectorSource("GOOGLE_ADS");
  return db.leadDelivery.findMany({ where: { sourceId: source.id, dedupeKey: `id:${leadId}` }, orderBy: { receivedAt: "asc" } });
}

describe("Google Ads lead forms", () => {
  it("makes a lead from the webhook, with campaign, ad group and ad, keeping unknown fields", async () => {
    const made = await sim.google.newLead({});
    expect(made.statuses).toEqual([200]);
    const [row] = await deliveriesOf(made.leadId);
    expect(row!.status).toBe("CREATED");
    const lead = await db.lead.findUniqueOrThrow({ where: { id: row!.leadId! } });
    expect(lead).toMatchObject({ name: made.name, phone: made.phone, source: "Google Ads" });
    expect(lead.subSource).toMatch(/^Lead form \d{11}$/);
    expect(lead.attribution).toMatchObject({ utmSource: "google", utmMedium: "paid", utmCampaign: `Campaign ${made.campaignId}` });
    // A custom question without column_name keeps its id; lead_submit_time (a later schema's field) is kept.
    expect(row!.payload).toMatchObject({
      "which_car_are_you_interested_in?": "Hatchback",
      lead_submit_time: expect.any(String),
      gcl_id: expect.any(String),
    });
    expect(row!.payload).not.toHaveProperty("google_key");
    const note = await db.activity.findFirstOrThrow({ where: { leadId: lead.id, type: "NOTE" } });
    expect((note.payload as { body: string }).body).toBe("which car are you interested in?: Hatchback");
  });

  it("keeps int64 ids beyond 2^53 exactly", async () => {
    const made = await sim.google.newLead({ bigIds: true });
    const [row] = await deliveriesOf(made.leadId);
    expect((row!.payload as { campaign_id: string }).campaign_id).toBe("9007199254740993123");
  });

  it("refuses a wrong key (403, kept digest-only) and makes no lead", async () => {
    const made = await sim.google.newLead({ badKey: true });
    expect(made.statuses).toEqual([403]);
    expect(await deliveriesOf(made.leadId)).toHaveLength(0);
    const source = await connectorSource("GOOGLE_ADS");
    const refused = await db.leadDelivery.findFirstOrThrow({
      where: { sourceId: source.id, status: "REFUSED" },
      orderBy: { receivedAt: "desc" },
    });
    expect(refused).toMatchObject({ body: null, payload: null });
    expect(refused.reason).toMatch(/google_key does not match/);
    expect(await db.lead.count({ where: { phone: made.phone } })).toBe(0);
  });

  it("marks Google's test lead and makes no lead of it", async () => {
    const made = await sim.google.newLead({ isTest: true });
    expect(made.statuses).toEqual([200]);
    const [row] = await deliveriesOf(made.leadId);
    expect(row).toMatchObject({ status: "TEST", leadId: null });
    expect(await db.lead.count({ where: { phone: made.phone } })).toBe(0);
  });

  it("makes one lead when Google sends the same lead_id again", async () => {
    const made = await sim.google.newLead({ duplicates: 2 });
    expect(made.statuses).toEqual([200, 200, 200]);
    const rows = await deliveriesOf(made.leadId);
    expect(rows.map((r) => r.status)).toEqual(["CREATED", "DUPLICATE", "DUPLICATE"]);
    expect(new Set(rows.map((r) => r.leadId)).size).toBe(1);
  });

  it("names the field when the body is not a lead", async () => {
    await expect(receiveGoogleLead({ raw: Buffer.from("not json"), contentType: "text/plain" })).rejects.toMatchObject({
      kind: "FORBIDDEN",
      details: { fields: { google_key: expect.any(String) } },
    });
    await expect(
      receiveGoogleLead({ raw: Buffer.from(JSON.stringify({ google_key: SIM_SECRETS.googleKey })), contentType: "application/json" }),
    ).rejects.toMatchObject({
      kind: "VALIDATION",
      details: { fields: { lead_id: "is required" } },
    });
  });
});
