import { describe, expect, it } from "vitest";
import * as dashboardRoute from "@/app/api/v1/dashboard/route";
import { dashboard } from "@/lib/dashboard/service";
import { db } from "@/lib/db";
import { makeLead, makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";

describe("dashboard", () => {
  it("computes per agent and IST day: calls made, answered rate, talk time, missed inbound, leads contacted", async () => {
    const { user: manager, actor: managerActor } = await makeUser({ role: "MANAGER" });
    const { user: a } = await makeUser({ managerId: manager.id });
    const { user: b } = await makeUser({ managerId: manager.id });
    const { user: outsider } = await makeUser();
    const [l1, l2, l3] = await Promise.all([makeLead(), makeLead(), makeLead()]);
    // 2026-03-10 IST: 09:00 IST = 03:30 UTC; 2026-03-11 01:30 IST = 2026-03-10 20:00 UTC (the IST day boundary).
    const d10 = new Date("2026-03-10T03:30:00Z");
    const d11 = new Date("2026-03-10T20:00:00Z");
    const mk = (
      agentId: string,
      leadId: string,
      at: Date,
      direction: "OUTBOUND" | "INBOUND",
      status: "COMPLETED" | "MISSED" | "FAILED",
      talk: number | null,
    ) =>
      db.call.create({
        data: {
          agentId,
          leadId,
          createdAt: at,
          startedAt: at,
          direction,
          status,
          talkSeconds: talk,
          answeredAt: status === "COMPLETED" ? at : null,
        },
      });
    await mk(a.id, l1.id, d10, "OUTBOUND", "COMPLETED", 120);
    await mk(a.id, l1.id, d10, "OUTBOUND", "COMPLETED", 60);
    await mk(a.id, l2.id, d10, "OUTBOUND", "MISSED", 0);
    await mk(a.id, l2.id, d10, "OUTBOUND", "FAILED", null);
    await mk(a.id, l3.id, d10, "INBOUND", "MISSED", null);
    await mk(a.id, l3.id, d11, "INBOUND", "COMPLETED", 30);
    await mk(b.id, l2.id, d11, "OUTBOUND", "COMPLETED", 90);
    await mk(outsider.id, l2.id, d11, "OUTBOUND", "COMPLETED", 999);

    const result = await dashboard({ actor: managerActor, query: { from: "2026-03-10", to: "2026-03-11" } });
    const row = (agentId: string, day: string) => result.perAgentDay.find((r) => r.agentId === agentId && r.day === day);
    expect(row(a.id, "2026-03-10")).toMatchObject({
      callsMade: 4,
      answered: 2,
      answeredRate: 0.5,
      talkSeconds: 180,
      avgTalkSeconds: 90,
      missedInbound: 1,
      leadsContacted: 1,
    });
    expect(row(a.id, "2026-03-11")).toMatchObject({
      callsMade: 0,
      answered: 1,
      answeredRate: null,
      talkSeconds: 30,
      avgTalkSeconds: 30,
      missedInbound: 0,
      leadsContacted: 1,
    });
    expect(row(b.id, "2026-03-11")).toMatchObject({ callsMade: 1, answered: 1, answeredRate: 1, talkSeconds: 90, leadsContacted: 1 });
    expect(result.perAgentDay.some((r) => r.agentId === outsider.id)).toBe(false);
    expect(result.perAgent.find((r) => r.agentId === a.id)).toMatchObject({
      callsMade: 4,
      answered: 3,
      talkSeconds: 210,
      avgTalkSeconds: 70,
      missedInbound: 1,
      leadsContacted: 2,
    });
    expect(result.perDay.map((d) => [d.day, d.callsMade, d.talkSeconds])).toEqual([
      ["2026-03-10", 4, 180],
      ["2026-03-11", 1, 120],
    ]);
    expect(result.totals).toMatchObject({ callsMade: 5, answered: 4, talkSeconds: 300, missedInbound: 1, leadsContacted: 3 });

    const cookie = await signIn(manager.email, TEST_PASSWORD);
    const bad = await call(dashboardRoute.GET, { path: "/api/v1/dashboard?from=2026-03-12&to=2026-03-10", cookie });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields.to).toBeTruthy();
    const agentCookie = await signIn(a.email, TEST_PASSWORD);
    expect((await call(dashboardRoute.GET, { path: "/api/v1/dashboard", cookie: agentCookie })).status).toBe(404);
  });
});
