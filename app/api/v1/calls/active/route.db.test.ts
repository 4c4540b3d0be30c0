// GET /api/v1/calls/active: the signed-in user's call in progress (the call bar on every page), by
// the rule click-to-call refuses a second call for, and nobody else's.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { CallStatus } from "@/lib/generated/prisma/enums";
import { makeLead, makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import * as route from "./route";

const path = "/api/v1/calls/active";

async function placed(agentId: string, leadId: string, status: CallStatus, minutesAgo = 1) {
  const at = new Date(Date.now() - minutesAgo * 60_000);
  return db.call.create({ data: { agentId, leadId, direction: "OUTBOUND", status, createdAt: at, startedAt: at } });
}

describe("GET /api/v1/calls/active", () => {
  it("answers 401 without a session", async () => {
    expect((await call(route.GET, { path })).status).toBe(401);
  });

  it("is the agent's own call in progress with its lead, never another's, an ended one or one Smartflo never ended", async () => {
    const agent = await makeUser();
    const other = await makeUser();
    const lead = await makeLead({ ownerId: agent.user.id, name: "Kavya Menon" });
    const cookie = await signIn(agent.user.email, TEST_PASSWORD);
    const read = async () => {
      const res = await call(route.GET, { path, cookie });
      expect(res.status).toBe(200);
      return res.json.call as { id: string; status: string; lead: { id: string; name: string } } | null;
    };

    expect(await read()).toBeNull();
    await placed(agent.user.id, lead.id, "COMPLETED", 5);
    await placed(agent.user.id, lead.id, "RINGING", 3 * 60); // older than the in-progress window: a lost hangup
    await placed(other.user.id, lead.id, "ANSWERED");
    expect(await read()).toBeNull();

    const live = await placed(agent.user.id, lead.id, "RINGING");
    expect(await read()).toMatchObject({ id: live.id, status: "RINGING", lead: { id: lead.id, name: "Kavya Menon" } });
    await db.call.update({ where: { id: live.id }, data: { status: "ANSWERED", answeredAt: new Date() } });
    expect(await read()).toMatchObject({ id: live.id, status: "ANSWERED" });
    await db.call.update({ where: { id: live.id }, data: { status: "COMPLETED", endedAt: new Date() } });
    expect(await read()).toBeNull();
  });
});
