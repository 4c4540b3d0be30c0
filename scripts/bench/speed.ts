// Speed to lead: two production servers on one PostgreSQL, 20 agents each with a live stream open
// (half on each server), 1,000 new people posted to a lead source within one minute (alternating
// servers). Measures the intake request (stored, deduped, routed, clock set: one transaction) and
// the time from its answer to the lead's event on its new owner's stream (the new-lead pop), next to
// the stream's own latency for a plain lead change in the same run; then checks that no lead is
// unassigned and none was given twice.
import { createHash, randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { createUserWithPassword } from "../../lib/users/create-user";
import { CLUSTER_PASSWORD, freshDatabase, openEvents, signIn, startCluster } from "../live-cluster";
import { percentile } from "./lib";

const AGENTS = 20;
const LEADS = Number(process.env.BENCH_SPEED_LEADS ?? 1000);
const WITHIN_MS = 60_000;
const BASELINE = 100;

export interface SpeedBench {
  agents: number;
  leads: number;
  sentOverMs: number;
  okAnswers: number;
  intake: { p50: number; p95: number; p99: number };
  pop: { received: number; p50: number; p99: number; max: number };
  baseline: { received: number; p50: number; p99: number };
  unassigned: number;
  assignedTwice: number;
  perAgent: { min: number; max: number };
}

async function prepare(adminUrl: string) {
  const databaseUrl = await freshDatabase(adminUrl, "crm_speed_bench");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  const manager = await createUserWithPassword(db, {
    name: "Speed Manager",
    email: "manager@speed.local",
    password: CLUSTER_PASSWORD,
    role: "MANAGER",
  });
  const agents: { id: string; email: string }[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const email = `agent${i}@speed.local`;
    const u = await createUserWithPassword(db, {
      name: `Speed Agent ${i}`,
      email,
      password: CLUSTER_PASSWORD,
      role: "AGENT",
      managerId: manager.id,
    });
    agents.push({ id: u.id, email });
  }
  // The floor's rules: enquiries to the team by turn; the fallback as the rules page keeps it.
  await db.routingRule.create({
    data: {
      name: "Website to the team",
      position: 0,
      conditions: { sources: ["Website"] },
      target: "ROUND_ROBIN",
      targetUserId: manager.id,
    },
  });
  await db.routingRule.create({ data: { name: "Everyone else", position: 1, isFallback: true, target: "ROUND_ROBIN" } });
  const token = randomBytes(24).toString("base64url");
  const source = await db.leadSource.create({ data: { name: "Website", tokenHash: createHash("sha256").update(token).digest("hex") } });
  await db.$disconnect();
  return { databaseUrl, manager, agents, sourceId: source.id, token };
}

export async function benchSpeedToLead(adminUrl: string): Promise<SpeedBench> {
  console.log(`Speed to lead: ${LEADS} leads in a minute, ${AGENTS} agents with streams open…`);
  const { databaseUrl, manager, agents, sourceId, token } = await prepare(adminUrl);
  const cluster = await startCluster(databaseUrl, [3321, 3322], "bench:speed");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    const servers = [cluster.a, cluster.b];
    // The lead's first event on any stream of its owner: id → arrival; plus which owner saw it.
    const arrivals = new Map<string, { at: number; agent: number }>();
    const streams = [];
    for (const [i, a] of agents.entries()) {
      const cookie = await signIn(servers[i % 2]!, a.email);
      streams.push(
        await openEvents(servers[i % 2]!, cookie, (name, data, at) => {
          if (name !== "lead.updated") return;
          const id = /"lead":\{"id":"([^"]+)"/.exec(data)?.[1];
          if (id && !arrivals.has(id)) arrivals.set(id, { at, agent: i });
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 1000));

    // 1,000 people in one minute, evenly spaced, alternating servers.
    const answers: { id: string | null; ok: number; took: number; status: number }[] = [];
    const started = performance.now();
    const gap = WITHIN_MS / LEADS;
    await Promise.all(
      Array.from({ length: LEADS }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i * gap));
        const phone = `+9197${String(10000000 + i * 37).padStart(8, "0")}`;
        const sent = performance.now();
        const res = await fetch(`${servers[i % 2]}/api/v1/intake/${sourceId}?token=${token}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: `Speed Lead ${i}`, phone, message: "Price for a 2BHK?" }),
        });
        const ok = performance.now();
        const body = (await res.json().catch(() => ({}))) as { leadId?: string };
        answers.push({ id: body.leadId ?? null, ok, took: ok - sent, status: res.status });
      }),
    );
    const sentOverMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 3000));
    const pops = answers.filter((a) => a.id && arrivals.has(a.id)).map((a) => Math.max(0, arrivals.get(a.id!)!.at - a.ok));

    // The stream's own latency in the same run: a plain change to a lead (its owner's stream hears it).
    const managerCookie = await signIn(cluster.a, "manager@speed.local");
    const baseline: number[] = [];
    for (const a of answers.slice(0, BASELINE)) {
      if (!a.id) continue;
      arrivals.delete(a.id);
      const res = await fetch(`${cluster.a}/api/v1/leads/${a.id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", cookie: managerCookie, origin: cluster.a },
        body: JSON.stringify({ status: "CONTACTED" }),
      });
      const ok = performance.now();
      await res.text();
      const deadline = Date.now() + 5000;
      while (!arrivals.has(a.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
      const at = arrivals.get(a.id)?.at;
      if (at !== undefined) baseline.push(Math.max(0, at - ok));
    }
    await Promise.all(streams.map((s) => s.close()));

    const made = await db.lead.findMany({ where: { source: "Website" }, select: { id: true, ownerId: true } });
    const assignments = await db.activity.groupBy({
      by: ["leadId"],
      where: { type: "LEAD_CREATED", leadId: { in: made.map((m) => m.id) } },
      _count: true,
    });
    const perAgent = new Map<string, number>();
    for (const m of made) if (m.ownerId) perAgent.set(m.ownerId, (perAgent.get(m.ownerId) ?? 0) + 1);
    const counts = agents.map((a) => perAgent.get(a.id) ?? 0);
    const took = answers.map((a) => a.took);
    return {
      agents: AGENTS,
      leads: LEADS,
      sentOverMs,
      okAnswers: answers.filter((a) => a.status === 201).length,
      intake: { p50: percentile(took, 50), p95: percentile(took, 95), p99: percentile(took, 99) },
      pop: { received: pops.length, p50: percentile(pops, 50), p99: percentile(pops, 99), max: Math.max(...pops) },
      baseline: { received: baseline.length, p50: percentile(baseline, 50), p99: percentile(baseline, 99) },
      unassigned: made.filter((m) => m.ownerId === null).length + (LEADS - made.length),
      assignedTwice: assignments.filter((a) => a._count > 1).length,
      perAgent: { min: Math.min(...counts), max: Math.max(...counts) },
    };
  } finally {
    await db.$disconnect();
    await cluster.stop();
    void manager;
  }
}
