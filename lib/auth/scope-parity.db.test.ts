// "Whose work a user sees" is written four ways: callScope (Prisma where), callListScope (the same
// with a manager's team resolved to ids, for lists), seesWorkOf (in memory, the live stream) and
// workOfSql (raw SQL, the dashboard). Over one organisation, all four must name the same people.
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { endedCall } from "@/scripts/test/sessions";
import { db } from "../db";
import { callListScope, callScope, seesWorkOf, viewerOf, workOfSql } from "./policy";

async function organisation() {
  const admin = await makeUser({ role: "ADMIN" });
  const m1 = await makeUser({ role: "MANAGER", agentNumber: null });
  const m2 = await makeUser({ role: "MANAGER", agentNumber: null });
  const a1 = await makeUser({ managerId: m1.user.id });
  const a2 = await makeUser({ managerId: m1.user.id });
  const b1 = await makeUser({ managerId: m2.user.id });
  const loner = await makeUser(); // an agent with no manager
  const people = { admin, m1, m2, a1, a2, b1, loner };
  const lead = await makeLead();
  // One call made by each person (managers call too), and one no agent made (an unanswered inbound).
  const calls = await Promise.all(Object.values(people).map((p) => endedCall(p.user.id, lead.id)));
  const orphan = await db.call.create({ data: { leadId: lead.id, direction: "INBOUND", status: "MISSED", startedAt: new Date() } });
  return { people, lead, callIds: [...calls.map((c) => c.id), orphan.id] };
}

describe("whose work a user sees", () => {
  it("is the same set of people (and of calls) in Prisma, in lists, in memory and in raw SQL, for every role", async () => {
    const { people, callIds } = await organisation();
    const label = new Map(Object.entries(people).map(([k, p]) => [p.user.id, k] as const));
    const names = (agentIds: (string | null)[]) => [...new Set(agentIds.map((id) => (id ? label.get(id) : "nobody")))].sort();
    const mine = { id: { in: callIds } };

    const expected: Record<string, string[]> = {
      admin: ["a1", "a2", "admin", "b1", "loner", "m1", "m2", "nobody"],
      m1: ["a1", "a2", "m1"],
      m2: ["b1", "m2"],
      a1: ["a1"],
      a2: ["a2"],
      b1: ["b1"],
      loner: ["loner"],
    };
    for (const [who, { actor }] of Object.entries(people)) {
      const viaWhere = await db.call.findMany({ where: { AND: [mine, callScope(actor)] }, select: { agentId: true } });
      const viaList = await db.call.findMany({ where: { AND: [mine, await callListScope(actor)] }, select: { agentId: true } });
      const viewer = await viewerOf(actor);
      const all = await db.call.findMany({ where: mine, select: { agentId: true } });
      const inMemory = all.filter((c) => seesWorkOf(viewer, c.agentId));
      const viaSql = await db.$queryRaw<{ agentId: string | null }[]>`
        SELECT c."agentId" FROM call c WHERE c.id IN (${Prisma.join(callIds)}) AND ${workOfSql(actor, 'c."agentId"')}`;

      expect(names(viaWhere.map((c) => c.agentId)), `${who}: callScope`).toEqual(expected[who]);
      expect(names(viaList.map((c) => c.agentId)), `${who}: callListScope`).toEqual(expected[who]);
      expect(names(inMemory.map((c) => c.agentId)), `${who}: seesWorkOf`).toEqual(expected[who]);
      expect(names(viaSql.map((c) => c.agentId)), `${who}: workOfSql`).toEqual(expected[who]);
    }
  });
});
