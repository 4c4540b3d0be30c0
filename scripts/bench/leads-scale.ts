// Lead list and search at scale: 1,000,000 leads and 5,000,000 calls generated in SQL
// (generate_series, secondary indexes dropped during the load and rebuilt after), then the list
// API measured through the production server, and the query plans PostgreSQL used.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { encodeCursor } from "../../lib/db/cursor";
import { migrateDatabase } from "../../lib/db/migrate";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { prng } from "../../lib/prng";
import { createUserWithPassword } from "../../lib/users/create-user";
import { signInOverHttp } from "../lib";
import { percentile, startApp, stopServer, waitFor } from "./lib";
import { FIRST, LAST } from "./names";

/** BENCH_SCALE=10: ten times the leads and calls, in a database of its own (the 1M one is kept). */
export const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const LEADS = Number(process.env.BENCH_SCALE_LEADS ?? 1_000_000 * SCALE);
const CALLS = Number(process.env.BENCH_SCALE_CALLS ?? 5_000_000 * SCALE);
const DATABASE = SCALE === 1 ? "crm_scale" : `crm_scale_${SCALE}`;
const AGENTS = 20;
const PASSWORD = "scale-password-1";
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 200);

export interface ScaleRow {
  scenario: string;
  p50: number;
  p95: number;
  max: number;
  rows: string;
}
export interface ScaleBench {
  scale: number;
  leads: number;
  calls: number;
  /** How long generating the database took; `reused`: in an earlier run. */
  generatedSeconds: number | null;
  reused: boolean;
  databaseBytes: number;
  rows: ScaleRow[];
  plans: { title: string; sql: string; plan: string }[];
}

/** The first row: a signed-in request that does nothing but the session check (the yardstick). */
export const SESSION_ONLY = "for scale: `GET /api/v1/me` (the signed-in user, nothing else), the session-only request";

/** 1M, 25k: the scenario names say the sizes of the run (BENCH_SCALE). */
const short = (n: number) => (n >= 1e6 ? `${Math.round(n / 1e5) / 10}M` : `${Math.round(n / 1e3)}k`);

const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`;

/**
 * The triggers a bulk load turns off: the live stream's and outgoing webhooks' events (nobody is
 * listening), the do-not-call check (the list is empty) and the per-row work done set-based below
 * instead (the primary number's lead_phone row, the dashboard's rollup). The first-response stamps
 * (firstCallAt, firstConnectAt) are left unset: per call they would update a lead 5,000,000 times.
 */
const BULK_OFF: Record<string, string[]> = {
  lead: ["lead_live", "lead_outbox", "lead_dnc", "lead_primary_phone"],
  call: ["call_live", "call_outbox", "call_stats", "call_first_response_insert"],
};

async function generate(client: pg.Client, agentIds: string[]) {
  const t0 = Date.now();
  // Each phase with the seconds since the start: what a run ten times the size is estimated from.
  const phase = (what: string) => console.log(`  ${what} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  // Rebuilding indexes once is far faster than maintaining them row by row.
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    "SELECT indexname, indexdef FROM pg_indexes" +
      " WHERE schemaname = 'public' AND tablename IN ('lead', 'call', 'lead_phone') AND indexname NOT LIKE '%_pkey'",
  );
  for (const i of indexes) await client.query(`DROP INDEX "${i.indexname}"`);
  for (const [table, triggers] of Object.entries(BULK_OFF))
    for (const t of triggers) await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER ${t}`);
  await client.query("SET synchronous_commit = off");
  await client.query("SET maintenance_work_mem = '512MB'");
  phase(`${LEADS.toLocaleString()} leads…`);
  await client.query(
    `
    INSERT INTO lead (id, name, phone, "phoneLast10", email, source, status, "ownerId", "lastContactedAt", "createdAt", "updatedAt")
    SELECT 'sl' || lpad(g::text, 8, '0'),
           (${sqlArray(FIRST)})[(1 + (g * 7) % ${FIRST.length})::int] || ' '
             || (${sqlArray(LAST)})[(1 + (g * 13 / 7) % ${LAST.length})::int],
           '+91' || (7000000000 + g)::text,
           (7000000000 + g)::text,
           CASE WHEN g % 3 = 0 THEN NULL ELSE 'lead' || g || '@example.in' END,
           (ARRAY['Website','Referral','IndiaMART','JustDial','Walk-in'])[(1 + g % 5)::int],
           (ARRAY['NEW','NEW','CONTACTED','QUALIFIED','WON','LOST','UNREACHABLE'])[(1 + (g * 31) % 7)::int]::"LeadStatus",
           ($1::text[])[(1 + g % ${agentIds.length})::int],
           CASE WHEN g % 2 = 0 THEN now() - (g % 100000) * interval '1 minute' END,
           now() - interval '3 years' + (g * interval '94 seconds'),
           now() - ((g * 7919) % ${LEADS}) * interval '90 seconds'
    FROM generate_series(1::bigint, ${LEADS}::bigint) g`,
    [agentIds],
  );
  // Each lead's primary number, as the lead_primary_phone trigger writes it.
  await client.query(`
    INSERT INTO lead_phone (id, "leadId", number, last10, label, "primary", "createdAt")
    SELECT 'lp' || md5(id || phone), id, phone, "phoneLast10", 'MOBILE', true, now() AT TIME ZONE 'UTC' FROM lead`);
  phase(`${CALLS.toLocaleString()} calls…`);
  const chunk = 1_000_000;
  for (let from = 1; from <= CALLS; from += chunk) {
    const to = Math.min(CALLS, from + chunk - 1);
    await client.query(
      `
      INSERT INTO call (id, "leadId", "agentId", "providerCallId", direction, status, "providerStatus", "customerNumber", "agentNumber",
                        "startedAt", "answeredAt", "endedAt", "talkSeconds", "durationSeconds", "createdAt", "updatedAt")
      SELECT 'sc' || lpad(g::text, 9, '0'), l.id, l.owner, '17' || lpad(g::text, 8, '0') || '.' || (g % 1000000),
             CASE WHEN g % 5 = 0 THEN 'INBOUND' ELSE 'OUTBOUND' END::"CallDirection",
             CASE WHEN g % 3 = 0 THEN 'MISSED' ELSE 'COMPLETED' END::"CallStatus",
             CASE WHEN g % 3 = 0 THEN 'missed' ELSE 'answered' END,
             '+91' || (7000000000 + l.n)::text, '90000000' || lpad((g % ${AGENTS})::text, 2, '0'),
             t.at, CASE WHEN g % 3 <> 0 THEN t.at + interval '12 seconds' END, t.at + interval '2 minutes',
             CASE WHEN g % 3 <> 0 THEN 20 + g % 400 END, 30 + g % 420, t.at, t.at
      FROM generate_series(${from}::bigint, ${to}::bigint) g
      CROSS JOIN LATERAL (SELECT 1 + (g * 104729) % ${LEADS} AS n) ln
      CROSS JOIN LATERAL (SELECT 'sl' || lpad(ln.n::text, 8, '0') AS id,
                                 ($1::text[])[(1 + ln.n % ${agentIds.length})::int] AS owner, ln.n AS n) l
      CROSS JOIN LATERAL (SELECT now() - ((g * 6151) % 31536000) * interval '1 second' AS at) t`,
      [agentIds],
    );
    phase(`  …${to.toLocaleString()}`);
  }
  phase("dashboard rollups…");
  await client.query("SELECT crm_rebuild_call_stats()");
  for (const [table, triggers] of Object.entries(BULK_OFF))
    for (const t of triggers) await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER ${t}`);
  phase(`rebuilding ${indexes.length} indexes…`);
  for (const i of indexes) await client.query(i.indexdef);
  // As autovacuum would have on a live database: statistics, and the visibility map for index-only scans.
  phase("vacuum and analyze…");
  await client.query("VACUUM ANALYZE lead");
  await client.query("VACUUM ANALYZE lead_phone");
  await client.query("VACUUM ANALYZE call");
  await client.query("VACUUM ANALYZE agent_day_stat");
  phase("done");
}

async function prepare(adminUrl: string): Promise<{ databaseUrl: string; generatedSeconds: number | null; reused: boolean }> {
  const u = new URL(adminUrl);
  u.pathname = `/${DATABASE}`;
  const databaseUrl = u.toString();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE])).rowCount === 1;
  if (exists && !process.env.BENCH_REGENERATE) {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    const meta = await c
      .query<{ leads: number; calls: number; seconds: number | null }>("SELECT * FROM bench_scale_meta")
      .catch(() => null);
    await c.end();
    if (meta?.rows[0]?.leads === LEADS && meta.rows[0].calls === CALLS) {
      await admin.end();
      console.log(`  reusing ${DATABASE} (BENCH_REGENERATE=1 to rebuild it)`);
      await migrateDatabase({ databaseUrl });
      return { databaseUrl, generatedSeconds: meta.rows[0].seconds ?? null, reused: true };
    }
  }
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const started = Date.now();
  await migrateDatabase({ databaseUrl });
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  const manager = await createUserWithPassword(db, {
    name: "Scale Manager",
    email: "manager@scale.local",
    password: PASSWORD,
    role: "MANAGER",
  });
  const agents: string[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const a = await createUserWithPassword(db, {
      name: `Scale Agent ${i}`,
      email: `agent${i}@scale.local`,
      password: PASSWORD,
      role: "AGENT",
      smartfloAgentNumber: `90000000${String(i).padStart(2, "0")}`,
      managerId: manager.id,
    });
    agents.push(a.id);
  }
  await db.$disconnect();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await generate(client, agents);
  const generatedSeconds = (Date.now() - started) / 1000;
  // Sizes and the generation's run time, so a later run that reuses the database can still report them.
  await client.query("CREATE TABLE bench_scale_meta (leads int NOT NULL, calls int NOT NULL, seconds real)");
  await client.query("INSERT INTO bench_scale_meta VALUES ($1, $2, $3)", [LEADS, CALLS, generatedSeconds]);
  await client.end();
  return { databaseUrl, generatedSeconds, reused: false };
}

const signIn = (base: string, email: string) => signInOverHttp(base, email, PASSWORD);

export async function benchLeadsAtScale(adminUrl: string): Promise<ScaleBench> {
  console.log(`Preparing ${LEADS.toLocaleString()} leads / ${CALLS.toLocaleString()} calls on PostgreSQL…`);
  const { databaseUrl, generatedSeconds, reused } = await prepare(adminUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const agent0 = (await client.query<{ id: string }>("SELECT id FROM \"user\" WHERE email = 'agent0@scale.local'")).rows[0]!.id;
  // Cursors deep in the list: positions 10,000 … 900,000 of the newest-first order.
  const deep: string[] = [];
  for (const offset of [10_000, 100_000, 250_000, 500_000, 750_000, Math.min(900_000, LEADS - 30)]) {
    const r = await client.query<{ id: string; updatedAt: Date }>(
      `SELECT id, "updatedAt" FROM lead ORDER BY "updatedAt" DESC, id DESC OFFSET $1 LIMIT 1`,
      [offset],
    );
    if (r.rows[0]) deep.push(encodeCursor(r.rows[0].updatedAt.toISOString(), r.rows[0].id));
  }

  const port = 3203;
  const base = `http://127.0.0.1:${port}`;
  const app = startApp(port, { ...process.env, DATABASE_URL: databaseUrl }, "[app:scale]");
  const rows: ScaleRow[] = [];
  try {
    await waitFor(`${base}/sign-in`);
    const manager = await signIn(base, "manager@scale.local");
    const agent = await signIn(base, "agent0@scale.local");
    const r = prng(42); // the same questions every run
    const pick = (list: readonly string[]) => list[Math.floor(r() * list.length)]!;
    const dayAgo = (days: number) => new Date(Date.now() - days * 86400_000).toISOString().slice(0, 10);
    const suffix = () =>
      String(Math.floor(r() * LEADS) + 1)
        .padStart(6, "0")
        .slice(-6);
    const scenarios: { scenario: string; cookie: string; path: () => string }[] = [
      // What every other row is measured against: the session check and the route, no lead query.
      { scenario: SESSION_ONLY, cookie: manager, path: () => "/api/v1/me" },
      { scenario: `manager · first page (all ${short(LEADS)} leads)`, cookie: manager, path: () => "/api/v1/leads?limit=25" },
      {
        scenario: "manager · deep cursor (row 10k … 900k)",
        cookie: manager,
        path: () => `/api/v1/leads?limit=25&cursor=${deep[Math.floor(r() * deep.length)]}`,
      },
      { scenario: "manager · search phone suffix (6 digits)", cookie: manager, path: () => `/api/v1/leads?limit=25&q=${suffix()}` },
      {
        scenario: `manager · search name (last name, ~${short(LEADS / LAST.length)} matches)`,
        cookie: manager,
        path: () => `/api/v1/leads?limit=25&q=${encodeURIComponent(LAST[Math.floor(r() * LAST.length)]!)}`,
      },
      {
        scenario: "manager · search full name",
        cookie: manager,
        path: () => `/api/v1/leads?limit=25&q=${encodeURIComponent(`${pick(FIRST)} ${pick(LAST)}`)}`,
      },
      { scenario: "manager · status filter (QUALIFIED)", cookie: manager, path: () => "/api/v1/leads?limit=25&status=QUALIFIED" },
      { scenario: `agent · first page (own ${short(LEADS / AGENTS)} leads)`, cookie: agent, path: () => "/api/v1/leads?limit=25" },
      { scenario: "agent · search phone suffix", cookie: agent, path: () => `/api/v1/leads?limit=25&q=${suffix()}` },
      { scenario: `manager · calls list first page (${short(CALLS)} calls)`, cookie: manager, path: () => "/api/v1/calls?limit=25" },
      {
        scenario: "manager · dashboard, last 7 days (team of 20)",
        cookie: manager,
        path: () => `/api/v1/dashboard?from=${dayAgo(6)}&to=${dayAgo(0)}`,
      },
      {
        scenario: "manager · dashboard, last 30 days (team of 20)",
        cookie: manager,
        path: () => `/api/v1/dashboard?from=${dayAgo(29)}&to=${dayAgo(0)}`,
      },
      {
        scenario: "manager · dashboard, last 365 days (team of 20)",
        cookie: manager,
        path: () => `/api/v1/dashboard?from=${dayAgo(364)}&to=${dayAgo(0)}`,
      },
    ];
    // Round by round, every scenario once a round, so a burst of load on this shared machine falls
    // on all of them alike and each ratio to the session-only request compares like with like.
    const measured = scenarios.map(() => ({ times: [] as number[], items: 0, capped: 0 }));
    for (let i = 0; i < SAMPLES + 10; i++) {
      for (const [k, s] of scenarios.entries()) {
        const t0 = performance.now();
        const res = await fetch(`${base}${s.path()}`, { headers: { cookie: s.cookie } });
        const body = (await res.json()) as { items?: unknown[]; totalCapped?: boolean };
        const elapsed = performance.now() - t0;
        if (!res.ok) throw new Error(`${s.scenario}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
        if (i < 10) continue; // warm-up
        const m = measured[k]!;
        m.times.push(elapsed);
        m.items += body.items?.length ?? 0;
        if (body.totalCapped) m.capped++;
      }
    }
    for (const [k, s] of scenarios.entries()) {
      const { times, items, capped } = measured[k]!;
      const row = {
        scenario: s.scenario,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        max: Math.max(...times),
        rows: `${(items / SAMPLES).toFixed(1)}${capped ? ` (total capped in ${capped})` : ""}`,
      };
      console.log(`  ${row.scenario}: p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms`);
      rows.push(row);
    }
  } finally {
    await stopServer(app);
  }
  const managerId = (await client.query<{ id: string }>("SELECT id FROM \"user\" WHERE email = 'manager@scale.local'")).rows[0]!.id;
  const plans = await queryPlans(databaseUrl, client, agent0, managerId, deep[3] ?? deep[0]!);
  const size = await client.query<{ bytes: string }>("SELECT pg_database_size(current_database()) AS bytes");
  await client.end();
  const databaseBytes = Number(size.rows[0]!.bytes);
  return { scale: SCALE, leads: LEADS, calls: CALLS, generatedSeconds, reused, databaseBytes, rows, plans };
}

/** Runs the service itself with Prisma's query log on, then EXPLAIN ANALYZE on exactly the SQL it sent. */
async function queryPlans(databaseUrl: string, client: pg.Client, agentId: string, managerId: string, deepCursor: string) {
  const queries: { sql: string; params: unknown[] }[] = [];
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }), log: [{ emit: "event", level: "query" }] });
  prisma.$on("query", (e) => queries.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] }));
  const g = globalThis as typeof globalThis & { __crmDatabase?: unknown };
  g.__crmDatabase = { db: prisma, kind: "postgres", adapterFactory: null, close: () => prisma.$disconnect() };
  const { listLeads } = await import("../../lib/leads/list");
  const { listLeadsQuerySchema } = await import("../../lib/leads/schemas");
  const manager = { id: "bench", name: "Manager", email: "m@scale.local", role: "MANAGER" as const, managerId: null };
  const agent = { ...manager, id: agentId, role: "AGENT" as const };
  const cases = [
    { title: "First page, newest first (manager)", actor: manager, q: {} },
    { title: "Deep cursor, row 500,000 (manager)", actor: manager, q: { cursor: deepCursor } },
    { title: "Search by phone suffix (manager)", actor: manager, q: { q: "123456" } },
    { title: "Search by name (manager)", actor: manager, q: { q: "Kulkarni" } },
    { title: "Status filter, QUALIFIED (manager)", actor: manager, q: { status: "QUALIFIED" } },
    { title: "Agent's own leads, first page", actor: agent, q: {} },
  ];
  const plans: { title: string; sql: string; plan: string }[] = [];
  const explain = async (title: string) => {
    for (const q of queries) {
      if (/FROM "public"\."user"/.test(q.sql)) continue; // owners by primary key, a manager's team: trivial
      const what = /count\(/i.test(q.sql)
        ? /LEFT JOIN LATERAL/.test(q.sql)
          ? "page and capped total, one statement"
          : "capped count"
        : "page";
      const res = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.sql}`, q.params);
      plans.push({ title: `${title} — ${what}`, sql: q.sql.trim(), plan: res.rows.map((r) => r["QUERY PLAN"]).join("\n") });
    }
  };
  for (const c of cases) {
    queries.length = 0;
    await listLeads({ actor: c.actor, query: listLeadsQuerySchema.parse({ limit: 25, ...c.q }) });
    await explain(c.title);
  }
  const { listCalls } = await import("../../lib/calls/list");
  const { listCallsQuerySchema } = await import("../../lib/calls/schemas");
  queries.length = 0;
  await listCalls({ actor: { ...manager, id: managerId }, query: listCallsQuerySchema.parse({ limit: 25 }) });
  await explain("Calls list, first page (manager)");
  await prisma.$disconnect();
  return plans;
}
