// The webhook's answers and its refused attempts (security review).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/v1/smartflo/webhook/route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hangupTemplate } from "@/lib/smartflo/__fixtures__/deliveries";
import { REJECTED_LIMIT } from "@/lib/webhooks/ingest";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { newCallId, randomIp, restoreEnvAfterEach } from "@/scripts/test/sessions";
import { send } from "@/scripts/test/webhook";

restoreEnvAfterEach();

describe("webhook answers and refused attempts", () => {
  it("answers a processed delivery with {ok:true} only: no call id, no status", async () => {
    const { user } = await makeUser();
    const lead = await makeLead({ ownerId: user.id });
    const res = await send(
      { body: hangupTemplate() },
      { leadId: lead.id, phone10: lead.phone.slice(-10), callId: newCallId(), uuid: randomUUID(), agentNumber: user.smartfloAgentNumber! },
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    const call = await db.call.findFirstOrThrow({ where: { leadId: lead.id } });
    expect(res.text).not.toContain(call.id);
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: res.eventId! } })).status).toBe("PROCESSED");
  });

  it("keeps only a digest and the size of a refused body, and stops storing refused attempts from an address past the limit", async () => {
    env.SMARTFLO_WEBHOOK_TOKEN = "w".repeat(40);
    const ip = randomIp();
    const headers = { "content-type": "application/json", "x-forwarded-for": ip };
    const forged = JSON.stringify({ call_id: "1.2", customer_number: "9876543210", secret: "forged-payload" });
    const first = await call(webhookRoute.POST, {
      path: "/api/v1/smartflo/webhook?token=wrong&leak=query-value",
      rawBody: forged,
      headers,
    });
    expect(first.status).toBe(401);
    const stored = await db.webhookEvent.findFirstOrThrow({
      where: { status: "REJECTED", headers: { path: ["x-forwarded-for"], equals: ip } },
    });
    expect(stored.body).toBeNull();
    expect(stored.payload).toBeNull();
    expect(stored.query).toEqual({});
    expect(stored.bodyBytes).toBe(Buffer.byteLength(forged));
    expect(stored.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain("forged-payload");

    for (let i = 1; i < REJECTED_LIMIT.limit; i++)
      expect((await call(webhookRoute.POST, { path: "/api/v1/smartflo/webhook", rawBody: forged, headers })).status).toBe(401);
    const limited = await call(webhookRoute.POST, { path: "/api/v1/smartflo/webhook", rawBody: forged, headers });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await db.webhookEvent.count({ where: { status: "REJECTED", headers: { path: ["x-forwarded-for"], equals: ip } } })).toBe(
      REJECTED_LIMIT.limit,
    );

    // Accepted deliveries from the same address are never limited.
    const { user } = await makeUser();
    const lead = await makeLead({ ownerId: user.id });
    const vars = {
      leadId: lead.id,
      phone10: lead.phone.slice(-10),
      callId: newCallId(),
      uuid: randomUUID(),
      agentNumber: user.smartfloAgentNumber!,
    };
    const body = JSON.stringify(hangupTemplate()).replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k as keyof typeof vars]);
    const ok = await call(webhookRoute.POST, {
      path: `/api/v1/smartflo/webhook?token=${env.SMARTFLO_WEBHOOK_TOKEN}`,
      rawBody: body,
      headers,
    });
    expect(ok.status).toBe(200);
  });
});
