// The dialer's next-lead claim on a 100,000-lead campaign with 20 agents claiming at once: each agent
// (its own connection, its own dialer session) claims in a loop with the statement the app runs
// (lib/dialer/claim-sql.ts) and writes its offer, as /calling does. Every claimed lead is checked
// against every other agent's: a lead claimed twice is a failure.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { claimNextLeadSql } from "../../lib/dialer/claim-sql";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { freshDatabase } from "../live-cluster";
import { percentile } from "./lib";

const LEADS = Number(process.env.BENCH_DIALER_LEADS ?? 100_000);
const AGENTS = 20;
const CLAIMS_PER_AGENT = Number(process.env.BENCH_DIALER_CLAIMS ?? 250);

export interface DialerBench {
  leads: number;
  agents: number;
  claims: number;
  doubleClaims: number;
  claim: { p50: number; p95: number; p99: number; max: number };
  claimAndOffer: { p50: number; p95: number };
  throughput: number;
  /** The same claims by one agent alone: the contention's cost. */
  alone: { p50: number; p95: number };
}

async function seed(databaseUrl: string) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query(`INSERT INTO "user" (id, name, email, role, "emailVerified", "createdAt", "updatedAt")
    SELECT 'da' || g, 'Dialer Agent ' || g, 'dagent' || g || '@bench.local', 'AGENT', true, now(), now()
    FROM generate_series(0, ${AGENTS - 1}) g`);
  await c.query(`INSERT INTO lead (id, name, phone, "phoneLast10", status, "ownerId", "createdAt", "updatedAt")
    SELECT 'dl' || lpad(g::text, 7, '0'), 'Bench Lead ' || g, '+91' || (8000000000 + g)::text, (8000000000 + g)::text, 'NEW',
           -- Nobody's leads: every agent may take any of them, so all twenty contend for the same rows.
           NULL, now(), now()
    FROM generate_series(1, ${LEADS}) g`);
  await c.query(`INSERT INTO campaign (id, name, status, "maxAttempts", "retryGapMinutes", "createdById", "createdAt", "updatedAt")
    VALUES ('bench-campaign', 'Bench campaign', 'ACTIVE', 3, 60, 'da0', now(), now())`);
  await c.query(
    `INSERT INTO campaign_agent ("campaignId", "userId") SELECT 'bench-campaign', 'da' || g FROM generate_series(0, ${AGENTS - 1}) g`,
  );
  // Spread over the last day, as a campaign with retries has them.
  await c.query(`INSERT INTO campaign_lead ("campaignId", "leadId", state, attempts, "nextAt", "updatedAt")
    SELECT 'bench-campaign', id, 'PENDING', 0, (now() AT TIME ZONE 'UTC') - (random() * interval '1 day'), now() FROM lead`);
  await c.query(`INSERT INTO dialer_session (id, "agentId", source, "campaignId", active, "createdAt")
    SELECT 'ds' || g, 'da' || g, 'CAMPAIGN', 'bench-campaign', true, now() FROM generate_series(0, ${AGENTS - 1}) g`);
  await c.query("VACUUM ANALYZE");
  await c.end();
}

async function claimLoop(db: PrismaClient, agent: number, n: number, claimed: string[], claimMs: number[], totalMs: number[]) {
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const rows = await db.$queryRaw<{ leadId: string }[]>(claimNextLeadSql("bench-campaign", `da${agent}`, `ds${agent}`));
    // (the app then makes a lead nobody owned the agent's, with a timeline entry: claimCampaignLead; not timed here)
    const t1 = performance.now();
    const leadId = rows[0]?.leadId;
    if (!leadId) throw new Error("the campaign ran out of leads");
    await db.dialerOffer.create({ data: { sessionId: `ds${agent}`, leadId, campaignId: "bench-campaign" } });
    claimMs.push(t1 - t0);
    totalMs.push(performance.now() - t0);
    claimed.push(leadId);
  }
}

export async function benchDialer(adminUrl: string): Promise<DialerBench> {
  const databaseUrl = await freshDatabase(adminUrl, "crm_dialer_bench");
  console.log(`  ${LEADS} leads in one campaign, ${AGENTS} agents…`);
  await seed(databaseUrl);
  const clients = Array.from(
    { length: AGENTS },
    () => new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) }),
  );
  try {
    // Warm every connection (and the plan) first.
    await Promise.all(clients.map((db) => db.$queryRaw`SELECT 1`));
    const alone: number[] = [];
    await claimLoop(clients[0]!, 0, 100, [], alone, []);
    const claimed: string[][] = Array.from({ length: AGENTS }, () => []);
    const claimMs: number[] = [];
    const totalMs: number[] = [];
    const started = performance.now();
    await Promise.all(clients.map((db, a) => claimLoop(db, a, CLAIMS_PER_AGENT, claimed[a]!, claimMs, totalMs)));
    const seconds = (performance.now() - started) / 1000;
    const all = claimed.flat();
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const { rows } = await check.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT "leadId" FROM dialer_offer GROUP BY "leadId" HAVING count(*) > 1) x`,
    );
    await check.end();
    return {
      leads: LEADS,
      agents: AGENTS,
      claims: all.length,
      doubleClaims: all.length - new Set(all).size + Number(rows[0]!.n),
      claim: {
        p50: percentile(claimMs, 50),
        p95: percentile(claimMs, 95),
        p99: percentile(claimMs, 99),
        max: Math.max(...claimMs),
      },
      claimAndOffer: { p50: percentile(totalMs, 50), p95: percentile(totalMs, 95) },
      throughput: all.length / seconds,
      alone: { p50: percentile(alone, 50), p95: percentile(alone, 95) },
    };
  } finally {
    await Promise.all(clients.map((db) => db.$disconnect()));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchDialer(process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test");
  console.log(JSON.stringify(r, null, 2));
}
