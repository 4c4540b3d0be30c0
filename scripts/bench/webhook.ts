// Webhook ingestion: the full path (store, match, call, activity, lead) against two floors measured
// in the same run on the same database server: (a) bare node:http + one raw insert, (b) a minimal
// Next.js app (scripts/bench/floor-app.ts, built by the bench) whose one route does that insert.
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openDatabase } from "../../lib/db/client";
import { migrateDatabase } from "../../lib/db/migrate";
import { last10Digits } from "../../lib/phone";
import { hangupTemplate } from "../../lib/smartflo/__fixtures__/deliveries";
import { createUserWithPassword } from "../../lib/users/create-user";
import { buildFloorApp } from "./floor-app";
import { firstLoadJs } from "./frontend";
import { BENCH_WEBHOOK_TOKEN, type LoadResult, load, startApp, startServer, stopServer, waitFor } from "./lib";

const TOKEN = BENCH_WEBHOOK_TOKEN;
/** The bench lead source's URL token (its SHA-256 is what the database keeps). */
const INTAKE_TOKEN = "bench-intake-token-0123456789abcdef";
const INTAKE_SOURCE = "benchsource";
const CALLS = 500;
const ROUNDS = Number(process.env.BENCH_WEBHOOK_ROUNDS ?? 3);
const BENCH_EMAIL = "bench@bench.local";
const BENCH_PASSWORD = "bench-password-1";

async function seed(target: { databaseUrl: string } | { pgliteDir: string }) {
  await migrateDatabase(target);
  const { db, close } = openDatabase(target);
  await db.$executeRawUnsafe(
    "CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())",
  );
  const agent = await createUserWithPassword(db, {
    name: "Bench Agent",
    email: BENCH_EMAIL,
    password: BENCH_PASSWORD,
    role: "AGENT",
    smartfloAgentNumber: "9000000099",
  });
  const leads = [];
  for (let i = 0; i < CALLS; i++) {
    const phone = `+9197${String(10000000 + i).padStart(8, "0")}`;
    leads.push({
      id: `benchlead${String(i).padStart(5, "0")}`,
      name: `Bench Lead ${i}`,
      phone,
      phoneLast10: last10Digits(phone),
      ownerId: agent.id,
    });
  }
  await db.lead.createMany({ data: leads });
  await db.leadSource.create({
    data: { id: INTAKE_SOURCE, name: "Bench website", tokenHash: createHash("sha256").update(INTAKE_TOKEN).digest("hex") },
  });
  await db.call.createMany({
    data: leads.map((l, i) => ({
      id: `benchcall${i}`,
      leadId: l.id,
      agentId: agent.id,
      direction: "OUTBOUND" as const,
      status: "RINGING" as const,
      providerCallId: `1790000000.${i}`,
      customerNumber: l.phone,
      startedAt: new Date(),
    })),
  });
  await close();
  return leads;
}

/** A full-template hangup for an existing call; every body differs, so none is a duplicate. */
export function deliveryFactory(leads: { id: string; phone: string }[]) {
  let n = 0;
  return () => {
    const i = n++ % leads.length;
    const lead = leads[i]!;
    return JSON.stringify(
      hangupTemplate({
        call_id: `1790000000.${i}`,
        uuid: `bench-uuid-${i}`,
        ref_id: lead.id,
        call_to_number: lead.phone.slice(-10),
        "customer_no_with_prefix ": lead.phone.slice(1),
        answered_agent: "9000000099",
        answered_agent_number: "9000000099",
        billsec: String(30 + (n % 600)),
        outbound_sec: String(20 + (n % 600)),
        agent_ring_time: String(n),
      }),
    );
  };
}

/** A new person's enquiry as a website posts it: every one a new number, so each makes a lead. */
function enquiryFactory() {
  let n = 0;
  return () => {
    n++;
    return JSON.stringify({
      name: `Bench Enquiry ${n}`,
      phone: `+9196${String(10_000_000 + ((process.pid * 7919 + n) % 89_999_999)).padStart(8, "0")}`,
      email: `enquiry${n}-${process.pid}@bench.local`,
      message: "2BHK in Pune, site visit on Sunday",
      utm_source: "google",
      utm_campaign: "bench",
      consent: true,
    });
  };
}

async function bareBaseline(kind: "postgres" | "pglite", databaseUrl: string | null, body: () => string): Promise<LoadResult> {
  let insert: (b: string) => Promise<unknown>;
  let close: () => Promise<void>;
  if (kind === "postgres") {
    const pool = new pg.Pool({ connectionString: databaseUrl!, max: 10 });
    insert = (b) => pool.query("INSERT INTO bench_raw (body) VALUES ($1)", [b]);
    close = () => pool.end();
  } else {
    const lite = new PGlite();
    await lite.exec(
      "CREATE TABLE bench_raw (id bigserial PRIMARY KEY, body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())",
    );
    insert = (b) => lite.query("INSERT INTO bench_raw (body) VALUES ($1)", [b]);
    close = () => lite.close();
  }
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    await insert(Buffer.concat(chunks).toString("utf8"));
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const result = await load({ label: "(a) node:http + insert", url: `http://127.0.0.1:${port}/`, body });
  server.close();
  await close();
  return result;
}

export interface WebhookBench {
  kind: "postgres" | "pglite";
  a: LoadResult;
  b: LoadResult;
  full: LoadResult;
  steady: LoadResult;
  /** (b) at the steady run's rate: the floor the steady run's p99 is held to. */
  bSteady: LoadResult;
  /** New leads through a lead source's URL (stored first, read, deduped, a lead and its note). */
  intake: LoadResult;
  /** Every round: req/s of (b) and of the full path, p99 of the steady run. */
  rounds: { b: number[]; full: number[]; steadyP99: number[]; bSteadyP99: number[] };
  processedOk: boolean;
  /** The lead page's first-load JavaScript, and the floor app's bare page's (the framework alone). */
  frontend: { files: number; bytes: number; gzip: number; floor: { files: number; bytes: number; gzip: number } } | null;
  /** The seeded database, kept for the click-to-call run (PostgreSQL only). */
  databaseUrl: string | null;
  leadIds: string[];
  agent: { email: string; password: string };
}

/** The bench's database (crm_bench on PostgreSQL, .data/bench on PGlite), fresh and seeded. */
export async function prepareBenchDatabase(kind: "postgres" | "pglite", adminUrl: string | null) {
  let databaseUrl: string | null = null;
  let target: { databaseUrl: string } | { pgliteDir: string };
  if (kind === "postgres") {
    const admin = new pg.Client({ connectionString: adminUrl! });
    await admin.connect();
    await admin.query("DROP DATABASE IF EXISTS crm_bench WITH (FORCE)");
    await admin.query("CREATE DATABASE crm_bench");
    await admin.end();
    const u = new URL(adminUrl!);
    u.pathname = "/crm_bench";
    databaseUrl = u.toString();
    target = { databaseUrl };
  } else {
    rmSync(".data/bench", { recursive: true, force: true });
    target = { pgliteDir: ".data/bench" };
  }
  const leads = await seed(target);
  return { databaseUrl, target, leads, agent: { email: BENCH_EMAIL, password: BENCH_PASSWORD } };
}

export async function benchWebhooks(kind: "postgres" | "pglite", adminUrl: string | null): Promise<WebhookBench> {
  const port = 3201;
  const { databaseUrl, target, leads } = await prepareBenchDatabase(kind, adminUrl);
  const body = deliveryFactory(leads);
  const a = await bareBaseline(kind, databaseUrl, body);

  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl ?? "", PGLITE_DIR: ".data/bench" };
  const floorDir = await buildFloorApp();
  // The floor on the same PostgreSQL database; on PGlite (one process per data folder) its own.
  rmSync(".data/bench-floor-db", { recursive: true, force: true });
  const floor = startServer(
    "npx",
    ["next", "start", floorDir, "-p", String(port + 1)],
    { ...env, FLOOR_PGLITE_DIR: ".data/bench-floor-db" },
    `[floor:${kind}]`,
  );
  const app = startApp(port, env, `[app:${kind}]`);
  let checkDeliveryId: string | null = null;
  let result: Omit<WebhookBench, "processedOk">;
  try {
    await waitFor(`http://127.0.0.1:${port}/sign-in`);
    const base = `http://127.0.0.1:${port}`;
    const floorBase = `http://127.0.0.1:${port + 1}`;
    await waitFor(`${floorBase}/api/bench/insert`);
    // The floor opens its database on its first insert (PGlite: an initdb that can take seconds on a
    // busy machine): one insert answered before any timed run.
    const first = await fetch(`${floorBase}/api/bench/insert`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body(),
    });
    if (!first.ok) throw new Error(`the floor's first insert answered ${first.status}`);
    // Warm both routes (JIT, connection pools) before measuring.
    await load({ label: "warm", url: `${floorBase}/api/bench/insert`, body, duration: 2 });
    await load({ label: "warm", url: `${base}/api/v1/smartflo/webhook?token=${TOKEN}`, body, duration: 2 });
    // Three rounds with (b), the full path and the steady run alternating, so the machine's drift
    // (a 10 s run varies by ±10% here) hits each alike; the median round of each is reported.
    const rounds = {
      b: [] as LoadResult[],
      full: [] as LoadResult[],
      steady: [] as LoadResult[],
      bSteady: [] as LoadResult[],
      intake: [] as LoadResult[],
    };
    const steadily = { overallRate: 200, duration: 15, connections: 20 };
    const enquiry = enquiryFactory();
    const intakeUrl = `${base}/api/v1/intake/${INTAKE_SOURCE}?token=${INTAKE_TOKEN}`;
    await load({ label: "warm", url: intakeUrl, body: enquiry, duration: 2 });
    for (let round = 0; round < ROUNDS; round++) {
      rounds.b.push(await load({ label: "(b) Next.js route + insert", url: `${floorBase}/api/bench/insert`, body }));
      rounds.full.push(await load({ label: "full webhook path", url: `${base}/api/v1/smartflo/webhook?token=${TOKEN}`, body }));
      rounds.steady.push(
        await load({ label: "full path, steady 200 req/s", url: `${base}/api/v1/smartflo/webhook?token=${TOKEN}`, body, ...steadily }),
      );
      rounds.bSteady.push(await load({ label: "(b) steady 200 req/s", url: `${floorBase}/api/bench/insert`, body, ...steadily }));
      rounds.intake.push(await load({ label: "intake through a source", url: intakeUrl, body: enquiry }));
    }
    const median = (runs: LoadResult[], by: (r: LoadResult) => number) =>
      [...runs].sort((x, y) => by(x) - by(y))[Math.floor(runs.length / 2)]!;
    const b = median(rounds.b, (r) => r.rps);
    const full = median(rounds.full, (r) => r.rps);
    const steady = median(rounds.steady, (r) => r.p99);
    const bSteady = median(rounds.bSteady, (r) => r.p99);
    const intake = median(rounds.intake, (r) => r.rps);
    const check = await fetch(`${base}/api/v1/smartflo/webhook?token=${TOKEN}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body(),
    });
    checkDeliveryId = check.ok ? check.headers.get("x-delivery-id") : null;
    const frontend =
      kind === "postgres"
        ? {
            ...(await firstLoadJs(`http://localhost:${port}`, BENCH_EMAIL, BENCH_PASSWORD, `/leads/${leads[0]!.id}`)),
            floor: await firstLoadJs(floorBase, null, "", "/"),
          }
        : null;
    result = {
      kind,
      a,
      b,
      full,
      steady,
      bSteady,
      intake,
      rounds: {
        b: rounds.b.map((r) => r.rps),
        full: rounds.full.map((r) => r.rps),
        steadyP99: rounds.steady.map((r) => r.p99),
        bSteadyP99: rounds.bSteady.map((r) => r.p99),
      },
      frontend,
      databaseUrl,
      leadIds: leads.map((l) => l.id),
      agent: { email: BENCH_EMAIL, password: BENCH_PASSWORD },
    };
  } finally {
    await stopServer(app);
    await stopServer(floor);
  }
  // Read once the app has let go of the database (PGlite is one process per folder).
  return { ...result, processedOk: (await deliveryStatus(target, checkDeliveryId)) === "PROCESSED" };
}

/** The stored delivery's outcome (the webhook's answer says only that it was accepted). */
async function deliveryStatus(target: { databaseUrl: string } | { pgliteDir: string }, id: string | null): Promise<string | null> {
  if (!id) return null;
  // The app's embedded database process can take a moment to let go of the folder after the app exits.
  let opened: ReturnType<typeof openDatabase> | null = null;
  for (let i = 0; !opened; i++) {
    try {
      opened = openDatabase(target);
    } catch (error) {
      if (i >= 60 || !String(error).includes("open in another process")) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const { db, close } = opened;
  try {
    return (await db.webhookEvent.findUnique({ where: { id }, select: { status: true } }))?.status ?? null;
  } finally {
    await close();
  }
}
