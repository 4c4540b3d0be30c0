// Webhook data retention: raw bodies purged after WEBHOOK_RETENTION_DAYS (security review).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hangupTemplate } from "@/lib/smartflo/__fixtures__/deliveries";
import { purgeOldLeadDeliveries, purgeOldWebhookBodies } from "@/lib/webhooks/retention";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { newCallId, restoreEnvAfterEach } from "@/scripts/test/sessions";
import { send } from "@/scripts/test/webhook";

restoreEnvAfterEach();

describe("webhook data retention", () => {
  it("blanks raw bodies older than WEBHOOK_RETENTION_DAYS; the delivery row and the call stay", async () => {
    const { user } = await makeUser();
    const lead = await makeLead({ ownerId: user.id });
    const vars = {
      leadId: lead.id,
      phone10: lead.phone.slice(-10),
      callId: newCallId(),
      uuid: randomUUID(),
      agentNumber: user.smartfloAgentNumber!,
    };
    const old = await send({ body: hangupTemplate() }, vars);
    const fresh = await send({ body: hangupTemplate({ billsec: "61" }) }, { ...vars, uuid: randomUUID() });
    await db.webhookEvent.update({ where: { id: old.eventId! }, data: { receivedAt: new Date(Date.now() - 91 * 86_400_000) } });
    expect(await purgeOldWebhookBodies({ days: 90 })).toBeGreaterThanOrEqual(1);
    const purged = await db.webhookEvent.findUniqueOrThrow({ where: { id: old.eventId! } });
    expect(purged).toMatchObject({ body: null, payload: null, query: {}, headers: {}, status: "PROCESSED" });
    expect(purged.callId).not.toBeNull();
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: fresh.eventId! } })).body).toContain(lead.phone.slice(-10));
    expect(await db.call.count({ where: { leadId: lead.id } })).toBe(1);
  });

  it("blanks what a lead source or ad platform sent after the same period; the delivery's outcome and lead stay", async () => {
    const lead = await makeLead();
    const source = await db.leadSource.create({ data: { name: `Retention ${randomUUID()}`, tokenHash: "x" } });
    const body = JSON.stringify({ name: lead.name, phone: lead.phone });
    const old = await db.leadDelivery.create({
      data: {
        sourceId: source.id,
        body,
        payload: JSON.parse(body),
        status: "CREATED",
        leadId: lead.id,
        receivedAt: new Date(Date.now() - 91 * 86_400_000),
      },
    });
    const fresh = await db.leadDelivery.create({
      data: { sourceId: source.id, body, payload: JSON.parse(body), status: "CREATED", leadId: lead.id },
    });
    expect(await purgeOldLeadDeliveries({ days: 90 })).toBeGreaterThanOrEqual(1);
    expect(await db.leadDelivery.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      body: null,
      payload: null,
      status: "CREATED",
      leadId: lead.id,
    });
    expect((await db.leadDelivery.findUniqueOrThrow({ where: { id: fresh.id } })).body).toContain(lead.phone);
    await db.leadSource.delete({ where: { id: source.id } });
  });
});
