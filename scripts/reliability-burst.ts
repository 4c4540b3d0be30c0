// Reliability: a burst of webhook deliveries (100,000 by default) against the production build on
// PostgreSQL, with the PostgreSQL server stopped and started again in the middle. Then, as Smartflo
// would, every delivery that did not get a 2xx is sent again until it does. The checks:
//   - zero acknowledged-but-lost: every delivery that got a 2xx is stored and processed;
//   - exactly once: every delivery is PROCESSED by exactly one stored event (copies are DUPLICATE);
//   - every call ends COMPLETED with its talk time, with one timeline entry.
// Needs a PostgreSQL it may restart (TEST_DATABASE_URL on this host, pg_ctlcluster). Exit code 1 on
// any violation. `npm test` runs the same checks through nginx with two servers (scripts/cluster/run.ts).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";
import { BENCH_WEBHOOK_TOKEN, startApp, stopServer, waitFor } from "./bench/lib";
import { acknowledged, checkDeliveries, postgresRestarter, Sender, seedCalls, statusSummary } from "./cluster/deliveries";
import { freshDatabase } from "./live-cluster";

const N = Number(process.env.RELIABILITY_BURST ?? 100_000);
const CONCURRENCY = Number(process.env.RELIABILITY_CONCURRENCY ?? 12);
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PORT = 3205;
const log = (s: string) => console.log(`[burst] ${s}`);

async function prepare(): Promise<string> {
  const databaseUrl = await freshDatabase(ADMIN_URL, "crm_burst");
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  // A floor of 50 agents (one agent cannot have 100,000 calls at once: its rollup row would serialise them all).
  await c.query(
    `INSERT INTO "user" (id, name, email, "emailVerified", role, "smartfloAgentNumber", active, "createdAt", "updatedAt")
     SELECT 'burst-agent-' || a, 'Burst Agent ' || a, 'burst' || a || '@burst.local', true, 'AGENT', '90000001' || lpad(a::text, 2, '0'),
            true, now(), now()
     FROM generate_series(0, 49) a`,
  );
  await c.end();
  await seedCalls(
    databaseUrl,
    N,
    Array.from({ length: 50 }, (_, a) => `burst-agent-${a}`),
  );
  return databaseUrl;
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) {
    log("no production build yet: running next build…");
    execFileSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  }
  const restart = postgresRestarter(ADMIN_URL, log);
  if (!restart && !process.env.RELIABILITY_NO_RESTART) {
    console.error(
      `[burst] cannot restart the PostgreSQL server behind ${ADMIN_URL} (needs a local cluster and pg_ctlcluster); ` +
        "set RELIABILITY_NO_RESTART=1 to run without",
    );
    process.exit(2);
  }
  log(`preparing ${N.toLocaleString()} leads and calls…`);
  const databaseUrl = await prepare();
  const app = startApp(PORT, { ...process.env, DATABASE_URL: databaseUrl, SMARTFLO_WEBHOOK_TOKEN: BENCH_WEBHOOK_TOKEN }, "[burst:app]");
  const sender = new Sender(PORT, CONCURRENCY);
  let exitCode = 1;
  try {
    await waitFor(`http://127.0.0.1:${PORT}/sign-in`);
    const started = Date.now();
    let restarted = false;
    let restartPromise: Promise<void> = Promise.resolve();
    const all = Array.from({ length: N }, (_, i) => i);
    const first = await sender.send(all, (done) => {
      if (done % 10_000 === 0) log(`${done.toLocaleString()} sent (${Math.round(done / ((Date.now() - started) / 1000))}/s)`);
      if (!restarted && restart && done >= N / 2) {
        restarted = true;
        restartPromise = restart();
      }
    });
    await restartPromise;
    const seconds = (Date.now() - started) / 1000;
    const acked = all.filter((i) => acknowledged(first.get(i)));
    const ackedSet = new Set(acked);
    const notAcked = all.filter((i) => !ackedSet.has(i));
    log(
      `burst: ${N.toLocaleString()} in ${seconds.toFixed(0)} s (${Math.round(N / seconds)}/s); ` +
        `2xx ${acked.length.toLocaleString()}, not acknowledged ${notAcked.length} (${statusSummary(first)})`,
    );

    // Smartflo retries what was not acknowledged; so do we, until everything is.
    const { pending } = await sender.resend(notAcked, log);
    const check = await checkDeliveries(databaseUrl, N, acked, log);
    const ok = check.ok && pending.length === 0 && (restarted || !restart);
    log(ok ? "PASS" : "FAIL");
    exitCode = ok ? 0 : 1;
  } finally {
    sender.destroy();
    await stopServer(app);
  }
  process.exit(exitCode);
}

await main();
