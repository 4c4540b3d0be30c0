// A test lead (the telephony page's "Send test delivery") is marked and stays out of the lead list,
// its export filter, the call lists and their counts; it can still be opened by its id.
import { describe, expect, it } from "vitest";
import { makeLead, makeUser } from "../../scripts/test/factories";
import { listCalls } from "../calls/list";
import { db } from "../db";
import { listLeads } from "./list";
import { getLead } from "./read-lead";
import { listLeadsQuerySchema } from "./schemas";

describe("test leads", () => {
  it("are kept out of lists and counts", async () => {
    const { actor } = await makeUser({ role: "ADMIN", agentNumber: null });
    const real = await makeLead({ name: "Zebulon Real" });
    const test = await makeLead({ name: "Zebulon Test" });
    await db.lead.update({ where: { id: test.id }, data: { isTest: true } });
    for (const leadId of [real.id, test.id]) await db.call.create({ data: { leadId, direction: "OUTBOUND", status: "COMPLETED" } });

    const leads = await listLeads({ actor, query: listLeadsQuerySchema.parse({ q: "Zebulon" }) });
    expect(leads.items.map((l) => l.name)).toEqual(["Zebulon Real"]);
    expect(leads.total).toBe(1);
    // Unsearched, the total is counted from the list's indexes: test leads are out of it all the same.
    const all = await listLeads({ actor, query: listLeadsQuerySchema.parse({ limit: 100 }) });
    expect(all.items.some((l) => l.id === test.id)).toBe(false);
    expect(all.total).toBe(Math.min(10_000, await db.lead.count({ where: { isTest: false } })));
    const calls = await listCalls({ actor, query: { limit: 100 } });
    expect(calls.items.some((c) => c.leadId === test.id)).toBe(false);
    expect(calls.items.some((c) => c.leadId === real.id)).toBe(true);
    expect(calls.total).toBe(Math.min(10_000, await db.call.count({ where: { NOT: { lead: { isTest: true } } } })));
    expect((await getLead({ actor, id: test.id })).name).toBe("Zebulon Test");
  });
});
