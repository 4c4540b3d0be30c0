// Speed to lead on the dashboard: on a random fixture of leads with known arrival, first call, first
// connect, due time, breach and reassignments (written straight to the lead's columns), its figures
// must equal what the leads say, computed here in plain TypeScript (percentiles interpolated as
// percentile_cont does) — per owner, per source and in total, for a manager (their team only) and
// an admin (everyone); agents get 404 as on the rest of the dashboard.
import { describe, expect, it } from "vitest";
import * as speedRoute from "@/app/api/v1/dashboard/speed-to-lead/route";
import { makeUser, TEST_PASSWORD, uniquePhone } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { last10Digits } from "../phone";
import { prng } from "../prng";
import { istMidnight } from "../time/india";
import { type SpeedToLeadMeasures, speedToLead } from "./speed";

type Fixture = {
  ownerId: string | null;
  source: string | null;
  createdAt: Date;
  firstCallAt: Date | null;
  firstConnectAt: Date | null;
  firstResponseDueAt: Date | null;
  firstResponseBreachedAt: Date | null;
  reassignments: number;
  erasedAt?: Date | null;
  isTest?: boolean;
};

/** percentile_cont: linear interpolation between the two nearest ranks of the sorted values. */
function percentileCont(values: number[], p: number): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo]! + (pos - lo) * (v[hi]! - v[lo]!);
}

const round = (v: number | null) => (v === null ? null : Math.round(v));

/** The measures, straight from the leads (already in period and scope). */
function expected(leads: Fixture[], now: Date): SpeedToLeadMeasures {
  const wait = (at: Date | null, l: Fixture) => (at ? [Math.max(0, (at.getTime() - l.createdAt.getTime()) / 1000)] : []);
  const calls = leads.flatMap((l) => wait(l.firstCallAt, l));
  const connects = leads.flatMap((l) => wait(l.firstConnectAt, l));
  const within = leads.filter((l) => l.firstCallAt && l.firstCallAt <= l.firstResponseDueAt!).length;
  const decided = leads.filter((l) => l.firstCallAt || l.firstResponseDueAt! <= now || l.firstResponseBreachedAt).length;
  return {
    leads: leads.length,
    medianFirstCallSeconds: round(percentileCont(calls, 0.5)),
    p90FirstCallSeconds: round(percentileCont(calls, 0.9)),
    medianFirstConnectSeconds: round(percentileCont(connects, 0.5)),
    p90FirstConnectSeconds: round(percentileCont(connects, 0.9)),
    withinTarget: within,
    withinTargetShare: decided ? within / decided : null,
    neverCalled: leads.filter((l) => !l.firstCallAt).length,
    breaches: leads.filter((l) => l.firstResponseBreachedAt || (l.firstCallAt && l.firstCallAt > l.firstResponseDueAt!)).length,
    reassignments: leads.reduce((sum, l) => sum + l.reassignments, 0),
  };
}

function groupBy<K>(leads: Fixture[], key: (l: Fixture) => K) {
  const groups = new Map<K, Fixture[]>();
  for (const l of leads) groups.set(key(l), [...(groups.get(key(l)) ?? []), l]);
  return groups;
}

const pickMeasures = (r: SpeedToLeadMeasures): SpeedToLeadMeasures => ({
  leads: r.leads,
  medianFirstCallSeconds: r.medianFirstCallSeconds,
  p90FirstCallSeconds: r.p90FirstCallSeconds,
  medianFirstConnectSeconds: r.medianFirstConnectSeconds,
  p90FirstConnectSeconds: r.p90FirstConnectSeconds,
  withinTarget: r.withinTarget,
  withinTargetShare: r.withinTargetShare,
  neverCalled: r.neverCalled,
  breaches: r.breaches,
  reassignments: r.reassignments,
});

async function actual(actor: Actor, from: string, to: string, now: Date, agentId?: string) {
  const s = await speedToLead({ actor, query: { from, to, ...(agentId ? { agentId } : {}) }, now });
  return {
    totals: pickMeasures(s.totals),
    byAgent: Object.fromEntries(s.byAgent.map((r) => [r.agent?.id ?? "none", pickMeasures(r)])),
    bySource: Object.fromEntries(s.bySource.map((r) => [r.source ?? "none", pickMeasures(r)])),
    raw: s,
  };
}

function expectedView(leads: Fixture[], now: Date) {
  return {
    totals: expected(leads, now),
    byAgent: Object.fromEntries([...groupBy(leads, (l) => l.ownerId ?? "none")].map(([k, ls]) => [k, expected(ls, now)])),
    bySource: Object.fromEntries([...groupBy(leads, (l) => l.source ?? "none")].map(([k, ls]) => [k, expected(ls, now)])),
  };
}

describe("dashboard: speed to lead", () => {
  it("equals the leads' own figures per owner, per source and in total, for a manager's team and for an admin", async () => {
    const rand = prng(20261204);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const { user: manager, actor: managerActor } = await makeUser({ role: "MANAGER" });
    const { actor: adminActor } = await makeUser({ role: "ADMIN" });
    const team = await Promise.all([0, 1, 2].map(() => makeUser({ managerId: manager.id })));
    const { user: outsider } = await makeUser();
    const owners = [manager.id, ...team.map((t) => t.user.id), outsider.id, null];
    const tag = Math.random().toString(36).slice(2, 8);
    const sources = [`Meta ${tag}`, `IndiaMART ${tag}`, `Website ${tag}`, null];

    // Two India days no other test writes to (a random day in 2012–2019), and a clock that reads 3 days later.
    const day0 = new Date(
      Date.UTC(2012 + Math.floor(Math.random() * 8), Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 27)),
    );
    const from = day0.toISOString().slice(0, 10);
    const to = new Date(day0.getTime() + 86_400_000).toISOString().slice(0, 10);
    const start = istMidnight(from).getTime();
    const end = istMidnight(to).getTime() + 86_400_000;
    const now = new Date(end + 3 * 86_400_000);

    const fixtures: Fixture[] = [];
    for (let i = 0; i < 70; i++) {
      // A few right on the period's edges: its first millisecond in, the next day's first out.
      const createdAt = new Date(i === 0 ? start : i === 1 ? end : i === 2 ? start - 1 : start + Math.floor(rand() * (end - start)));
      const target = pick([5, 15, 30]) * 60_000;
      const due = new Date(createdAt.getTime() + target);
      const r = rand();
      // Not called (a fifth), called by an inbound call that made the lead (before it existed), or called after 0–1.5 targets.
      const firstCallAt =
        r < 0.2
          ? null
          : r < 0.27
            ? new Date(createdAt.getTime() - 4_000)
            : new Date(createdAt.getTime() + Math.floor(rand() * 1.5 * target));
      const firstConnectAt =
        firstCallAt && rand() < 0.6
          ? new Date(Math.max(firstCallAt.getTime(), createdAt.getTime()) + Math.floor(rand() * 3_600_000))
          : null;
      const late = !firstCallAt || firstCallAt > due;
      fixtures.push({
        ownerId: pick(owners),
        source: pick(sources),
        createdAt,
        firstCallAt,
        firstConnectAt,
        firstResponseDueAt: due,
        firstResponseBreachedAt: late && rand() < 0.7 ? due : null,
        reassignments: late ? Math.floor(rand() * 3) : 0,
      });
    }
    // One whose clock is still running when the dashboard is read: neither within target nor out yet.
    fixtures.push({
      ...fixtures[5]!,
      firstCallAt: null,
      firstConnectAt: null,
      firstResponseDueAt: new Date(now.getTime() + 60_000),
      firstResponseBreachedAt: null,
    });
    // Left out: no clock (added by hand), erased, test leads.
    const base = { ...fixtures[6]!, ownerId: team[0]!.user.id, source: sources[0]!, reassignments: 5 };
    fixtures.push({ ...base, firstResponseDueAt: null, firstResponseBreachedAt: null });
    fixtures.push({ ...base, erasedAt: new Date(end) });
    fixtures.push({ ...base, isTest: true });

    await db.lead.createMany({
      data: fixtures.map((f, i) => {
        const phone = uniquePhone();
        return { name: `Speed ${tag} ${i}`, phone, phoneLast10: last10Digits(phone), ...f };
      }),
    });
    const counted = fixtures.filter(
      (f) => f.createdAt.getTime() >= start && f.createdAt.getTime() < end && f.firstResponseDueAt && !f.erasedAt && !f.isTest,
    );
    expect(counted.length).toBeGreaterThan(50);
    const teamIds = new Set([manager.id, ...team.map((t) => t.user.id)]);

    const mine = await actual(managerActor, from, to, now);
    const { raw, ...mineMeasures } = mine;
    expect(mineMeasures).toEqual(
      expectedView(
        counted.filter((f) => f.ownerId && teamIds.has(f.ownerId)),
        now,
      ),
    );
    expect(raw.byAgent.map((r) => r.agent?.id).sort()).toEqual([...teamIds].sort());
    expect(raw.byAgent.find((r) => r.agent?.id === manager.id)?.agent?.name).toBe(manager.name);
    // Most leads first.
    expect(raw.bySource.map((r) => r.leads)).toEqual(raw.bySource.map((r) => r.leads).sort((a, b) => b - a));
    expect(raw).toMatchObject({ from, to, timeZone: "Asia/Kolkata" });

    const { raw: all, ...allMeasures } = await actual(adminActor, from, to, now);
    expect(allMeasures).toEqual(expectedView(counted, now));
    expect(all.byAgent.at(-1)?.agent).toBeNull(); // nobody's leads, last
    const { raw: _, ...one } = await actual(adminActor, from, to, now, outsider.id);
    expect(one).toEqual(
      expectedView(
        counted.filter((f) => f.ownerId === outsider.id),
        now,
      ),
    );
    // A manager asking for someone outside their team gets nothing of theirs.
    expect((await speedToLead({ actor: managerActor, query: { from, to, agentId: outsider.id }, now })).totals.leads).toBe(0);
  });

  it("shows figures a person can check: medians, 90th percentiles, within target, breaches and moves", async () => {
    const { user: manager, actor } = await makeUser({ role: "MANAGER" });
    const { user: agent } = await makeUser({ managerId: manager.id });
    const source = `Hand-checked ${Math.random().toString(36).slice(2, 8)}`;
    const at = istMidnight("2011-03-15").getTime() + 10 * 3_600_000;
    const min = 60_000;
    // Waits to the first call: 1, 2, 3, 4 minutes and one never called; first connects at 2 and 10 minutes.
    const rows = [
      { call: 1, connect: 2, due: 5, breached: false, moved: 0 },
      { call: 2, connect: null, due: 5, breached: false, moved: 0 },
      { call: 3, connect: 10, due: 2, breached: false, moved: 1 },
      { call: 4, connect: null, due: 5, breached: false, moved: 0 },
      { call: null, connect: null, due: 5, breached: true, moved: 2 },
    ];
    for (const [i, r] of rows.entries()) {
      const phone = uniquePhone();
      await db.lead.create({
        data: {
          name: `Checked ${i}`,
          phone,
          phoneLast10: last10Digits(phone),
          source,
          ownerId: agent.id,
          createdAt: new Date(at + i * min),
          firstCallAt: r.call === null ? null : new Date(at + i * min + r.call * min),
          firstConnectAt: r.connect === null ? null : new Date(at + i * min + r.connect * min),
          firstResponseDueAt: new Date(at + i * min + r.due * min),
          firstResponseBreachedAt: r.breached ? new Date(at + i * min + r.due * min) : null,
          reassignments: r.moved,
        },
      });
    }
    const s = await speedToLead({ actor, query: { from: "2011-03-15", to: "2011-03-15" } });
    const figures = {
      leads: 5,
      medianFirstCallSeconds: 150, // 1, 2, 3, 4 minutes: halfway between 2 and 3
      p90FirstCallSeconds: 222, // 3 minutes + 0.7 of the next one
      medianFirstConnectSeconds: 360,
      p90FirstConnectSeconds: 552, // 2 minutes + 0.9 × 8 minutes
      withinTarget: 3,
      withinTargetShare: 0.6,
      neverCalled: 1,
      breaches: 2, // the one never called, and the one called after its 2 minutes
      reassignments: 3,
    };
    expect(s.totals).toEqual(figures);
    expect(s.bySource).toEqual([{ source, ...figures }]);
    expect(s.byAgent).toEqual([{ agent: { id: agent.id, name: agent.name }, ...figures }]);

    // Through the route: the manager sees it; a bad date is named; an agent gets 404, as on the dashboard.
    const path = "/api/v1/dashboard/speed-to-lead?from=2011-03-15&to=2011-03-15";
    const cookie = await signIn(manager.email, TEST_PASSWORD);
    const res = await call(speedRoute.GET, { path, cookie });
    expect(res.status).toBe(200);
    expect(res.json.totals).toEqual(figures);
    const bad = await call(speedRoute.GET, { path: "/api/v1/dashboard/speed-to-lead?from=2011-03-16&to=2011-03-15", cookie });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields)).toEqual(["to"]);
    const agentCookie = await signIn(agent.email, TEST_PASSWORD);
    expect((await call(speedRoute.GET, { path, cookie: agentCookie })).status).toBe(404);
    expect((await call(speedRoute.GET, { path })).status).toBe(401);
  });
});
