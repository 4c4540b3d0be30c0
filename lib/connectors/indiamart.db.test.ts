import { describe, expect, it } from "vitest";
import { simulatedLeadSources } from "@/scripts/test/simulated-lead-sources";
import { db } from "../db";
import { env } from "../env";
import { OVERLAP_MS, pull } from "./indiamart";
import { parseWindowStamp, queryTimeStamp, windowStamp } from "./indiamart-protocol";
import { connectorSource } from "./settings";

const { sim } = simulatedLeadSources();

/** As if IndiaMART's interval had passed (the next pull may claim its slot). */
const intervalPassed = () => db.integration.update({ where: { kind: "INDIAMART" }, data: { notBefore: null } });

async function leadsFrom(ids: string[]) {
  const source = await connectorSource("INDIAMART");
  return db.leadDelivery.findMany({ where: { sourceId: source.id, dedupeKey: { in: ids.map((id) => `id:${id}`) } } });
}

describe("IndiaMART pull", () => {
  it("writes window stamps as IndiaMART reads them, in India time", () => {
    const at = new Date("2021-12-08T06:30:00Z");
    expect(windowStamp(at)).toBe("08-Dec-202112:00:00");
    expect(parseWindowStamp("08-Dec-202112:00:00")).toEqual(at);
    expect(queryTimeStamp(at)).toBe("2021-12-08 12:00:00");
  });

  it("makes each enquiry a lead with its type and product, sender and message", async () => {
    const w = sim.indiamart.newLead({ product: "Solar rooftop panel 5 kW" });
    const p = sim.indiamart.newLead({ queryType: "P", anonymous: true });
    const result = await pull();
    expect(result).toMatchObject({ status: "done", received: 2, made: 2, repeats: 0 });
    const rows = await leadsFrom([w.uniqueQueryId, p.uniqueQueryId]);
    expect(rows.map((r) => r.status).sort()).toEqual(["CREATED", "CREATED"]);
    const lead = await db.lead.findFirstOrThrow({ where: { phone: w.phone } });
    expect(lead).toMatchObject({ name: w.name, source: "IndiaMART", subSource: "Direct enquiry · Solar rooftop panel 5 kW" });
    const note = await db.activity.findFirstOrThrow({ where: { leadId: lead.id, type: "NOTE" } });
    // Escaped line breaks made readable.
    expect((note.payload as { body: string }).body).toContain("Quantity: 2 Piece");
    expect((note.payload as { body: string }).body).not.toContain("\\r\\n");
    const caller = await db.lead.findFirstOrThrow({ where: { phone: p.phone } });
    expect(caller).toMatchObject({ name: "IndiaMART Buyer" });
    expect(caller.subSource).toMatch(/^Call to your IndiaMART number/);
  });

  it("overlapping windows make no duplicate, and a late enquiry is caught after a restart", async () => {
    const a = sim.indiamart.newLead({});
    expect(await pull()).toMatchObject({ status: "done", made: 1 });
    // Shows up late: its QUERY_TIME is before the last window's end.
    const late = sim.indiamart.newLead({ lateSeconds: 120 });
    await intervalPassed();
    // A "restart": nothing in memory, the cursor is in the database.
    const second = await pull();
    expect(second).toMatchObject({ status: "done", made: 1, repeats: 1 });
    if (second.status === "done") expect(second.from.getTime()).toBeLessThan(Date.now() - OVERLAP_MS + 60_000);
    const rows = await leadsFrom([a.uniqueQueryId, late.uniqueQueryId]);
    expect(rows).toHaveLength(2);
    expect(sim.indiamart.calls.map((c) => c.code)).toEqual([200, 200]);
    // The windows overlap: the second starts before the first ended.
    const [first, next] = sim.indiamart.calls;
    expect(parseWindowStamp(next!.start!)!.getTime()).toBeLessThan(parseWindowStamp(first!.end!)!.getTime());
  });

  it("pulls once per interval however many servers try at once", async () => {
    sim.indiamart.newLead({});
    const results = await Promise.all([pull(), pull(), pull()]);
    expect(results.filter((r) => r.status === "done")).toHaveLength(1);
    expect(results.filter((r) => r.status === "waiting")).toHaveLength(2);
    expect(sim.indiamart.calls).toHaveLength(1);
    expect(await pull()).toMatchObject({ status: "waiting" });
  });

  it("backs off when IndiaMART throttles or refuses the key, and shows why", async () => {
    sim.faults.push({ target: "indiamart", kind: "rate_limit", times: 1 });
    const now = new Date();
    const throttled = await pull({ now });
    expect(throttled).toMatchObject({ status: "failed", error: expect.stringMatching(/pulled too often/) });
    if (throttled.status === "failed") expect(throttled.retryAt.getTime() - now.getTime()).toBe(env.INDIAMART_PULL_INTERVAL_SECONDS * 2000);
    expect(await db.integration.findUniqueOrThrow({ where: { kind: "INDIAMART" } })).toMatchObject({
      lastError: expect.stringMatching(/pulled too often/),
    });
    await intervalPassed();
    sim.faults.push({ target: "indiamart", kind: "bad_key", times: 1 });
    const refused = await pull({ now });
    if (refused.status === "failed") expect(refused.retryAt.getTime() - now.getTime()).toBe(env.INDIAMART_PULL_INTERVAL_SECONDS * 4000);
    expect(refused).toMatchObject({ status: "failed", error: expect.stringMatching(/refused the CRM key/) });
    // Nothing was lost: the cursor did not move, and the next pull succeeds and resets the back-off.
    const e = sim.indiamart.newLead({});
    await intervalPassed();
    expect(await pull()).toMatchObject({ status: "done", made: 1 });
    expect((await leadsFrom([e.uniqueQueryId]))[0]!.status).toBe("CREATED");
    expect(await db.integration.findUniqueOrThrow({ where: { kind: "INDIAMART" } })).toMatchObject({
      lastError: null,
      state: { failures: 0 },
    });
  });

  it("never writes the key in what it keeps", async () => {
    sim.faults.push({ target: "indiamart", kind: "unavailable", times: 1 });
    const failed = await pull();
    expect(failed.status).toBe("failed");
    const row = await db.integration.findUniqueOrThrow({ where: { kind: "INDIAMART" } });
    expect(JSON.stringify(row)).not.toContain(env.INDIAMART_CRM_KEY!);
  });
});
