import { describe, expect, it } from "vitest";
import * as leadRoute from "@/app/api/v1/leads/[id]/route";
import * as importRoute from "@/app/api/v1/leads/import/route";
import * as leadsRoute from "@/app/api/v1/leads/route";
import * as clickRoute from "@/app/api/v1/smartflo/click-to-call/route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { makeLead, uniquePhone } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { restoreEnvAfterEach, session } from "@/scripts/test/sessions";

restoreEnvAfterEach();

describe("toll fraud", () => {
  it("refuses numbers outside CALLABLE_COUNTRIES at create, edit, import and click-to-call (422 naming the phone)", async () => {
    const { cookie, user } = await session("MANAGER");
    const created = await call(leadsRoute.POST, { path: "/api/v1/leads", cookie, body: { name: "London", phone: "+44 20 7946 0958" } });
    expect(created.status).toBe(422);
    expect(created.json.error.fields.phone).toMatch(/a number in United Kingdom; calls may go only to India/);
    const lead = await makeLead({ ownerId: user.id });
    const edit = await call(leadRoute.PATCH, {
      path: "/x",
      method: "PATCH",
      cookie,
      params: { id: lead.id },
      body: { phone: "+1 415 555 2671" },
    });
    expect(edit.status).toBe(422);
    expect(edit.json.error.fields.phone).toMatch(/a number in United States/);
    const imported = await call(importRoute.POST, {
      path: "/x",
      cookie,
      body: { rows: [{ line: 2, name: "Dubai", phone: "+971 50 123 4567" }], dryRun: true },
    });
    expect(imported.json.reports[0]).toMatchObject({
      status: "invalid",
      errors: { phone: expect.stringMatching(/a number in United Arab Emirates/) },
    });
    env.CALLABLE_COUNTRIES = ["IN", "AE"];
    const allowed = await call(importRoute.POST, {
      path: "/x",
      cookie,
      body: { rows: [{ line: 2, name: "Dubai", phone: "+971 50 123 4567" }], dryRun: true },
    });
    expect(allowed.json.reports[0].status).toBe("ok");

    // A foreign number already on a lead (say, from before the rule) is refused at the call.
    const { user: agent, cookie: agentCookie } = await session();
    const foreign = await db.lead.create({
      data: { name: "Old import", phone: "+447911123456", phoneLast10: "7911123456", ownerId: agent.id },
    });
    const c2c = await call(clickRoute.POST, { path: "/x", cookie: agentCookie, body: { leadId: foreign.id } });
    expect(c2c.status).toBe(422);
    expect(c2c.json.error.fields.phone).toMatch(/\+44 7911 123456.*calls may go only to India, United Arab Emirates/);
    expect(await db.call.count({ where: { leadId: foreign.id } })).toBe(0);
  });

  it("caps calls per agent per day (429 with a message) and puts phone changes on the timeline", async () => {
    const { user, cookie } = await session();
    env.MAX_CALLS_PER_AGENT_PER_DAY = 2;
    const lead = await makeLead({ ownerId: user.id });
    for (let i = 0; i < 2; i++)
      await db.call.create({
        data: { leadId: lead.id, agentId: user.id, direction: "OUTBOUND", status: "COMPLETED", endedAt: new Date() },
      });
    const res = await call(clickRoute.POST, { path: "/x", cookie, body: { leadId: lead.id } });
    expect(res.status).toBe(429);
    expect(res.json.error.message).toMatch(/placed 2 calls today, the most allowed per agent \(2\)/);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);

    const phone = uniquePhone();
    const changed = await call(leadRoute.PATCH, { path: "/x", method: "PATCH", cookie, params: { id: lead.id }, body: { phone } });
    expect(changed.status).toBe(200);
    const entry = await db.activity.findFirstOrThrow({ where: { leadId: lead.id, type: "PHONE_CHANGE" } });
    expect(entry.payload).toEqual({ from: lead.phone, to: phone, before: [lead.phone], numbers: [phone] });
    expect(entry.actorId).toBe(user.id);
  });
});
