// The dashboard reads a rollup the call trigger keeps (prisma/functions/crm_call_stats.sql). On a
// random fixture — calls either side of IST midnight, transfers, calls without a lead, and then a
// random stream of changes (status, talk time, lead, agent, transfer, deletion) — its numbers must
// equal what the calls themselves say, computed here in plain TypeScript from the call rows.
import { describe, expect, it } from "vitest";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { db } from "../db";
import type { Call } from "../generated/prisma/client";
import { prng } from "../prng";
import { istDay } from "../time/india";
import { type DashboardRow, dashboard } from "./service";

type Row = { calls: number; made: number; answeredOut: number; answered: number; talk: number; missed: number; leads: Set<string> };
const blank = (): Row => ({ calls: 0, made: 0, answeredOut: 0, answered: 0, talk: 0, missed: 0, leads: new Set() });

/** The dashboard's definitions, straight from the calls: who gets what of each call. */
function expected(calls: Call[], agents: string[], from: string, to: string) {
  const perAgent = new Map<string, Row>();
  const perAgentDay = new Map<string, Row>();
  const add = (agent: string, day: string, f: (r: Row) => void) => {
    if (!agents.includes(agent) || day < from || day > to) return;
    for (const [map, key] of [
      [perAgent, agent],
      [perAgentDay, `${agent} ${day}`],
    ] as const) {
      if (!map.has(key)) map.set(key, blank());
      f(map.get(key)!);
    }
  };
  for (const c of calls) {
    const day = istDay(c.createdAt);
    const answered = c.status === "COMPLETED" && (c.answeredAt !== null || (c.talkSeconds ?? 0) > 0);
    const talk = answered ? (c.talkSeconds ?? 0) : 0;
    const first = c.transferredFromId ?? c.agentId;
    const split = !!c.transferredFromId && !!c.agentId && c.transferredFromId !== c.agentId;
    const firstTalk = !split
      ? talk
      : Math.min(talk, Math.max(0, Math.floor((c.transferredAt!.getTime() - (c.answeredAt ?? c.transferredAt!).getTime()) / 1000)));
    if (first)
      add(first, day, (r) => {
        r.calls++;
        if (c.direction === "OUTBOUND") r.made++;
        if (c.direction === "OUTBOUND" && answered) r.answeredOut++;
        if (answered) r.answered++;
        r.talk += firstTalk;
        if (c.direction === "INBOUND" && c.status === "MISSED") r.missed++;
        if (answered && c.leadId) r.leads.add(c.leadId);
      });
    if (split)
      add(c.agentId!, day, (r) => {
        r.calls++;
        r.talk += talk - firstTalk;
        if (answered && c.leadId) r.leads.add(c.leadId);
      });
  }
  const shape = (r: Row) => ({
    callsMade: r.made,
    answered: r.answered,
    answeredRate: r.made ? r.answeredOut / r.made : null,
    talkSeconds: r.talk,
    missedInbound: r.missed,
    leadsContacted: r.leads.size,
  });
  const sum = (rows: Row[]) => {
    const t = blank();
    let leads = 0;
    for (const r of rows) {
      t.made += r.made;
      t.answeredOut += r.answeredOut;
      t.answered += r.answered;
      t.talk += r.talk;
      t.missed += r.missed;
      leads += r.leads.size;
    }
    return { ...shape(t), leadsContacted: leads };
  };
  return {
    perAgent: Object.fromEntries([...perAgent].map(([k, r]) => [k, shape(r)])),
    perAgentDay: Object.fromEntries([...perAgentDay].map(([k, r]) => [k, shape(r)])),
    totals: sum([...perAgent.values()]),
  };
}

async function actual(actor: Parameters<typeof dashboard>[0]["actor"], from: string, to: string, agentId?: string) {
  const d = await dashboard({ actor, query: { from, to, ...(agentId ? { agentId } : {}) } });
  const pick = (r: DashboardRow) => ({
    callsMade: r.callsMade,
    answered: r.answered,
    answeredRate: r.answeredRate,
    talkSeconds: r.talkSeconds,
    missedInbound: r.missedInbound,
    leadsContacted: r.leadsContacted,
  });
  return {
    perAgent: Object.fromEntries(d.perAgent.map((r) => [r.agentId, pick(r)])),
    perAgentDay: Object.fromEntries(d.perAgentDay.map((r) => [`${r.agentId} ${r.day}`, pick(r)])),
    totals: pick(d.totals),
  };
}

describe("dashboard rollups", () => {
  it("equal the raw calls on a random fixture, through every kind of change, and after a rebuild", async () => {
    const rand = prng(20261201);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const manager = await makeUser({ role: "MANAGER" });
    const admin = await makeUser({ role: "ADMIN" });
    const team = await Promise.all([0, 1, 2, 3].map(() => makeUser({ managerId: manager.user.id })));
    const agents = [manager.user.id, ...team.map((t) => t.user.id)];
    const leads = await Promise.all(Array.from({ length: 25 }, () => makeLead({ ownerId: pick(agents) })));
    // 40 IST days ending today; a third of the calls within 15 minutes of an IST midnight.
    const today = istDay();
    const midnight = (daysAgo: number) => new Date(`${today}T00:00:00+05:30`).getTime() - daysAgo * 86_400_000;
    const when = () => {
      const base = midnight(Math.floor(rand() * 40));
      const offset = rand() < 0.33 ? (rand() - 0.5) * 30 * 60_000 : rand() * 86_400_000;
      return new Date(Math.min(Date.now() - 1000, base + offset));
    };
    const statuses = ["COMPLETED", "COMPLETED", "COMPLETED", "MISSED", "FAILED", "ANSWERED"] as const;
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      const createdAt = when();
      const status = pick(statuses);
      const answered = status === "COMPLETED" && rand() < 0.85;
      const agentId = pick(agents);
      const transfer = answered && rand() < 0.15;
      const c = await db.call.create({
        data: {
          direction: rand() < 0.25 ? "INBOUND" : "OUTBOUND",
          status,
          agentId: transfer ? pick(agents.filter((a) => a !== agentId)) : agentId,
          leadId: rand() < 0.9 ? pick(leads).id : null,
          createdAt,
          answeredAt: answered ? new Date(createdAt.getTime() + 8000) : null,
          talkSeconds: status === "COMPLETED" ? (answered || rand() < 0.3 ? Math.floor(rand() * 600) : 0) : null,
          ...(transfer ? { transferredFromId: agentId, transferredAt: new Date(createdAt.getTime() + 8000 + rand() * 400_000) } : {}),
        },
      });
      ids.push(c.id);
    }
    // A stream of changes through the same trigger.
    for (let i = 0; i < 200; i++) {
      const id = pick(ids);
      const r = rand();
      if (r < 0.2) await db.call.update({ where: { id }, data: { status: pick(statuses) } });
      else if (r < 0.35) await db.call.update({ where: { id }, data: { talkSeconds: Math.floor(rand() * 900) } });
      else if (r < 0.5) await db.call.update({ where: { id }, data: { leadId: rand() < 0.2 ? null : pick(leads).id } });
      else if (r < 0.62) await db.call.update({ where: { id }, data: { agentId: pick(agents) } });
      else if (r < 0.72) {
        const c = await db.call.findUniqueOrThrow({ where: { id } });
        if (c.transferredFromId) continue;
        const at = new Date((c.answeredAt ?? c.createdAt).getTime() + rand() * 300_000);
        await db.call.update({ where: { id }, data: { agentId: pick(agents), transferredFromId: c.agentId, transferredAt: at } });
      } else if (r < 0.8) {
        await db.call.update({ where: { id }, data: { answeredAt: rand() < 0.5 ? null : new Date() } });
      } else if (r < 0.86) {
        await db.call.delete({ where: { id } });
        ids.splice(ids.indexOf(id), 1);
      } else await db.call.update({ where: { id }, data: { createdAt: when() } });
    }

    const check = async () => {
      const calls = await db.call.findMany({ where: { id: { in: ids } } });
      for (const [from, to] of [
        [istDay(new Date(midnight(39))), today],
        [istDay(new Date(midnight(6))), today],
        [istDay(new Date(midnight(20))), istDay(new Date(midnight(10)))],
        [istDay(new Date(midnight(3))), istDay(new Date(midnight(3)))],
      ] as const) {
        expect(await actual(manager.actor, from, to)).toEqual(expected(calls, agents, from, to));
        const one = team[1]!.user.id;
        expect(await actual(admin.actor, from, to, one)).toEqual(expected(calls, [one], from, to));
      }
    };
    await check();
    const before = await db.$queryRaw<unknown[]>`SELECT * FROM agent_day_stat WHERE "agentId" = ANY(${agents}) ORDER BY 1, 2`;
    const contacts = await db.$queryRaw<unknown[]>`SELECT * FROM agent_lead_day WHERE "agentId" = ANY(${agents}) ORDER BY 1, 2, 3`;
    await db.$executeRaw`SELECT crm_rebuild_call_stats()`;
    // Rows whose every count went back to zero stay behind under the trigger; a rebuild has none.
    const kept = (rows: unknown[]) => rows.filter((r) => (r as { calls: number }).calls !== 0);
    expect(await db.$queryRaw<unknown[]>`SELECT * FROM agent_day_stat WHERE "agentId" = ANY(${agents}) ORDER BY 1, 2`).toEqual(
      kept(before),
    );
    expect(await db.$queryRaw<unknown[]>`SELECT * FROM agent_lead_day WHERE "agentId" = ANY(${agents}) ORDER BY 1, 2, 3`).toEqual(contacts);
    await check();
  }, 120_000);
});
