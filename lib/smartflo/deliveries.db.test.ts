// The webhook corpus through the real route handler and database.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeLead, makeUser, uniquePhone } from "@/scripts/test/factories";
import { fill, send } from "@/scripts/test/webhook";
import { db } from "../db";
import type { LeadStatus } from "../generated/prisma/enums";
import { cases } from "./__fixtures__/delivery-cases";

describe("webhook corpus", () => {
  it("has at least 40 deliveries", () => {
    expect(cases.reduce((n, c) => n + c.deliveries.length, 0)).toBeGreaterThanOrEqual(40);
  });

  for (const c of cases) {
    it(c.name, async () => {
      const { user: agent } = await makeUser({ agentNumber: `9${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}` });
      const lead = await makeLead({ ownerId: agent.id, status: (c.leadStatus ?? "NEW") as LeadStatus });
      const vars: Record<string, string> = {
        leadId: lead.id,
        phone10: lead.phone.slice(-10),
        unknown10: uniquePhone().slice(-10),
        callId: `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e6)}`,
        uuid: randomUUID(),
        agentNumber: agent.smartfloAgentNumber!,
        ourCallId: "none",
      };
      if (c.pendingCall) {
        const pending = await db.call.create({
          data: {
            leadId: lead.id,
            agentId: agent.id,
            direction: "OUTBOUND",
            status: "INITIATED",
            customerNumber: lead.phone,
            agentNumber: agent.smartfloAgentNumber,
            refId: randomUUID(),
            startedAt: new Date(),
          },
        });
        vars.ourCallId = pending.id;
      }
      let res: Awaited<ReturnType<typeof send>> | undefined;
      for (const d of c.deliveries) {
        res = await send(d, vars);
        expect(res.status, JSON.stringify(res.json)).toBeLessThan(500);
      }
      expect(res!.status, JSON.stringify(res!.json)).toBe(c.expect.http);

      const events = await db.webhookEvent.findMany({
        orderBy: { receivedAt: "desc" },
        take: 1,
        where: res!.eventId ? { id: res!.eventId } : {},
      });
      if (c.expect.event) {
        const last = res!.eventId ? events[0] : await db.webhookEvent.findFirst({ orderBy: { receivedAt: "desc" } });
        expect(last?.status).toBe(c.expect.event);
      }

      const calls = await db.call.findMany({ where: { leadId: lead.id } });
      if (c.expect.calls !== undefined) expect(calls).toHaveLength(c.expect.calls);
      if (c.expect.call) {
        expect(calls).toHaveLength(1);
        const got = calls[0]!;
        const want = fill(c.expect.call, vars) as Record<string, unknown>;
        if (want.status) expect(got.status).toBe(want.status);
        if (want.direction) expect(got.direction).toBe(want.direction);
        if (want.talkSeconds !== undefined) expect(got.talkSeconds).toBe(want.talkSeconds);
        if (want.hasRecording !== undefined) expect(Boolean(got.recordingUrl)).toBe(want.hasRecording);
        if (want.providerCallId) expect(got.providerCallId).toBe(want.providerCallId);
        if (want.hangupCause) expect(got.hangupCause).toBe(want.hangupCause);
        if (want.dialledNumber !== undefined) expect(got.dialledNumber).toBe(want.dialledNumber);
        if (want.ivrDigits !== undefined) expect(got.ivrDigits).toBe(want.ivrDigits);
        const activities = await db.activity.findMany({ where: { callId: got.id } });
        expect(activities).toHaveLength(1);
      }
      const after = await db.lead.findUniqueOrThrow({ where: { id: lead.id } });
      if (c.expect.leadStatus) expect(after.status).toBe(c.expect.leadStatus);
      if (c.expect.lastContacted) expect(after.lastContactedAt).not.toBeNull();
      if (c.expect.leadCreated) {
        const created = await db.lead.findUnique({ where: { phone: `+91${vars.unknown10}` }, include: { calls: true } });
        expect(created?.source).toBe("Inbound call");
        expect(created?.ownerId).toBe(agent.id);
        expect(created?.calls).toHaveLength(1);
      }
    });
  }
});
