// Reliability: a burst of webhook deliveries (100,000 by default) against the production build on
// PostgreSQL, with the PostgreSQL server stopped and started again in the middle. Then, as Smartflo
// would, every delivery that did not get a 2xx is sent again until it does. The checks:
//   - zero acknowledged-but-lost: every delivery that got a 2xx is stored and processed;
//   - exactly once: every delivery is PROCESSED by exactly one stored event (copies are DUPLICATE);
//   - every call ends COMPLETED with its talk time, with one timeline entry.
// Needs a PostgreSQL it may restart (TEST_DATABASE_URL on this host, pg_ctlcluster). Exit code 1 on
// any violation.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import http from "node:http";
import { promisify } from "node:util";
import pg from "pg";
import { migrateDatabase } from "../lib/db/migrate";
import { hangupTemplate } from "../lib/smartflo/__fixtures__/deliveries";
import { BENCH_WEBHOOK_TOKEN, startApp, stopServer, waitFor } from "./bench/lib";

const N = Number(process.env.RELIABILITY_BURST ?? 100_000);
const CONCURRENCY = Number(process.env.RELIABILITY_CONCURRENCY ?? 12);
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const TOKEN = BENCH_WEBHOOK_TOKEN;
const PORT = 3205;
const log = (s: string) => console.log(`[burst] ${s}`);

const exec = promisify(execFile);

function restartCommand(): (() => Promise<void>) | null {
  const host = new URL(ADMIN_URL).hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) return null;
  let version: string | undefined;
  try {
    version = readdirSync("/etc/postgresql")[0];
  } catch {
    return null;
  }
  if (!version) return null;
  const ctl = (action: string) =>
    exec("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", action, ...(action === "stop" ? ["-m", "fast"] : [])]);
  return async () => {
    log("stopping PostgreSQL (deliveries keep coming)…");
    await ctl("stop");
    await new Promise((r) => setTimeout(r, 3000));
    log("starting PostgreSQL…");
    await ctl("start");
    log("PostgreSQL is back");
  };
}

async function prepare(): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS crm_burst WITH (FORCE)");
  await admin.query("CREATE DATABASE crm_burst");
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = "/crm_burst";
  const databaseUrl = u.toString();
  await migrateDatabase({ databaseUrl });
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  // A floor of 50 agents (one agent cannot have 100,000 calls at once: its rollup row would serialise them all).
  await c.query(
    `INSERT INTO "user" (id, name, email, "emailVerified", role, "smartfloAgentNumber", active, "createdAt", "updatedAt")
     SELECT 'burst-agent-' || a, 'Burst Agent ' || a, 'burst' || a || '@burst.local', true, 'AGENT', '90000001' || lpad(a::text, 2, '0'),
            true, now(), now()
     FROM generate_series(0, 49) a`,
  );
  await c.query(`INSERT INTO lead (id, name, phone, "phoneLast10", status, "ownerId", "createdAt", "updatedAt")
    SELECT 'burstlead' || g, 'Burst Lead ' || g, '+91' || (6000000000 + g)::text, (6000000000 + g)::text, 'NEW', 'burst-agent-' || (g % 50),
           now(), now()
    FROM generate_series(0, ${N - 1}) g`);
  // Loaded with the dashboard's rollup trigger off and the rollup rebuilt once, as the scale bench does.
  await c.query("ALTER TABLE call DISABLE TRIGGER call_stats");
  await c.query(`INSERT INTO call (id, "leadId", "agentId", direction, status, "providerCallId", "customerNumber",
                                   "startedAt", "createdAt", "updatedAt")
    SELECT 'burstcall' || g, 'burstlead' || g, 'burst-agent-' || (g % 50), 'OUTBOUND', 'RINGING', '1795000000.' || g,
           '+91' || (6000000000 + g)::text, now(), now(), now()
    FROM generate_series(0, ${N - 1}) g`);
  await c.query("SELECT crm_rebuild_call_stats()");
  await c.query("ALTER TABLE call ENABLE TRIGGER call_stats");
  await c.end();
  return databaseUrl;
}

const body = (i: number) =>
  JSON.stringify(
    hangupTemplate({
      call_id: `1795000000.${i}`,
      uuid: `burst-${i}`,
      ref_id: `burstlead${i}`,
      call_to_number: String(6000000000 + i),
      "customer_no_with_prefix ": `91${6000000000 + i}`,
      answered_agent: "9000000077",
      answered_agent_number: "9000000077",
      billsec: String(40 + (i % 500)),
      outbound_sec: String(31 + (i % 500)),
    }),
  );

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function post(i: number): Promise<number> {
  return new Promise((resolve) => {
    const data = body(i);
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        path: `/api/v1/smartflo/webhook?token=${TOKEN}`,
        method: "POST",
        agent,
        timeout: 30_000,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(0));
    req.end(data);
  });
}

/** Sends every index in `ids`, CONCURRENCY at a time; returns the status per index (0 = no answer). */
async function send(ids: number[], onProgress?: (done: number) => void): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ids.length) {
        const i = ids[next++]!;
        statuses.set(i, await post(i));
        onProgress?.(++done);
      }
    }),
  );
  return statuses;
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) {
    log("no production build yet: running next build…");
    execFileSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  }
  const restart = restartCommand();
  if (!restart && !process.env.RELIABILITY_NO_RESTART) {
    console.error(
      `[burst] cannot restart the PostgreSQL server behind ${ADMIN_URL} (needs a local cluster and pg_ctlcluster); ` +
        "set RELIABILITY_NO_RESTART=1 to run without",
    );
    process.exit(2);
  }
  log(`preparing ${N.toLocaleString()} leads and calls…`);
  const databaseUrl = await prepare();
  const app = startApp(PORT, { ...process.env, DATABASE_URL: databaseUrl, SMARTFLO_WEBHOOK_TOKEN: TOKEN }, "[burst:app]");
  let exitCode = 1;
  try {
    await waitFor(`http://127.0.0.1:${PORT}/sign-in`);
    const started = Date.now();
    let restarted = false;
    let restartPromise: Promise<void> = Promise.resolve();
    const all = Array.from({ length: N }, (_, i) => i);
    const first = await send(all, (done) => {
      if (done % 10_000 === 0) log(`${done.toLocaleString()} sent (${Math.round(done / ((Date.now() - started) / 1000))}/s)`);
      if (!restarted && restart && done >= N / 2) {
        restarted = true;
        restartPromise = restart();
      }
    });
    await restartPromise;
    const seconds = (Date.now() - started) / 1000;
    const acked = all.filter((i) => (first.get(i) ?? 0) >= 200 && (first.get(i) ?? 0) < 300);
    const ackedSet = new Set(acked);
    const notAcked = all.filter((i) => !ackedSet.has(i));
    const codes = new Map<number, number>();
    for (const i of notAcked) codes.set(first.get(i)!, (codes.get(first.get(i)!) ?? 0) + 1);
    const codeSummary = [...codes].map(([c, n]) => `${c === 0 ? "no answer" : c}: ${n}`).join(", ");
    log(
      `burst: ${N.toLocaleString()} in ${seconds.toFixed(0)} s (${Math.round(N / seconds)}/s); ` +
        `2xx ${acked.length.toLocaleString()}, not acknowledged ${notAcked.length} (${codeSummary || "none"})`,
    );

    // Smartflo retries what was not acknowledged; so do we, until everything is.
    let pending = notAcked;
    for (let round = 1; pending.length > 0 && round <= 30; round++) {
      await new Promise((r) => setTimeout(r, 1000));
      const again = await send(pending);
      pending = pending.filter((i) => !((again.get(i) ?? 0) >= 200 && (again.get(i) ?? 0) < 300));
      log(`retry round ${round}: ${pending.length} still not acknowledged`);
    }

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    // The retry sweep takes stored-but-unprocessed events after 15 s; wait for it.
    const settleStart = Date.now();
    for (;;) {
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM webhook_event WHERE status IN ('RECEIVED', 'FAILED') AND attempts < 10`,
      );
      const open = Number(rows[0]!.n);
      if (open === 0) break;
      if (Date.now() - settleStart > 180_000) {
        log(`${open} events still unprocessed after 180 s`);
        break;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
    const { rows: perDelivery } = await db.query<{ u: string; processed: string; stored: string; statuses: string }>(
      `SELECT payload->>'uuid' AS u, count(*) FILTER (WHERE status = 'PROCESSED') AS processed, count(*) AS stored,
              string_agg(status::text, ',') AS statuses
       FROM webhook_event GROUP BY 1`,
    );
    const byUuid = new Map(perDelivery.map((r) => [r.u, r]));
    const lost = acked.filter((i) => Number(byUuid.get(`burst-${i}`)?.processed ?? 0) === 0);
    const twice = all.filter((i) => Number(byUuid.get(`burst-${i}`)?.processed ?? 0) > 1);
    const neverProcessed = all.filter((i) => Number(byUuid.get(`burst-${i}`)?.processed ?? 0) === 0);
    const storedEvents = perDelivery.reduce((a, r) => a + Number(r.stored), 0);
    const { rows: callRows } = await db.query<{ ok: string; activities: string; contacted: string }>(
      `SELECT (SELECT count(*) FROM call
               WHERE status = 'COMPLETED' AND "talkSeconds" = 31 + (split_part("providerCallId", '.', 2)::int % 500)) AS ok,
              (SELECT count(*) FROM activity WHERE type = 'CALL') AS activities,
              (SELECT count(*) FROM lead WHERE status = 'CONTACTED' AND "lastContactedAt" IS NOT NULL) AS contacted`,
    );
    await db.end();
    const c = callRows[0]!;
    log(`stored events: ${storedEvents.toLocaleString()} for ${N.toLocaleString()} deliveries (copies from retries are marked DUPLICATE)`);
    log(`acknowledged but lost: ${lost.length}`);
    log(`processed more than once: ${twice.length}`);
    log(`never processed (after retries): ${neverProcessed.length}`);
    log(
      `calls COMPLETED with the right talk time: ${Number(c.ok).toLocaleString()} / ${N.toLocaleString()}; ` +
        `CALL timeline entries: ${Number(c.activities).toLocaleString()}; leads CONTACTED: ${Number(c.contacted).toLocaleString()}`,
    );
    const ok =
      lost.length === 0 &&
      twice.length === 0 &&
      neverProcessed.length === 0 &&
      Number(c.ok) === N &&
      Number(c.activities) === N &&
      pending.length === 0 &&
      (restarted || !restart);
    log(ok ? "PASS" : "FAIL");
    if (lost.length || twice.length || neverProcessed.length)
      log(
        `examples: lost ${lost.slice(0, 5).join(",")} twice ${twice.slice(0, 5).join(",")} never ${neverProcessed
          .slice(0, 5)
          .map((i) => `${i}:${byUuid.get(`burst-${i}`)?.statuses ?? "none"}`)
          .join(" ")}`,
      );
    exitCode = ok ? 0 : 1;
  } finally {
    agent.destroy();
    await stopServer(app);
  }
  process.exit(exitCode);
}

await main();
