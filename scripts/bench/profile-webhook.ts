// A CPU profile of the production server under the webhook bench's load (the full path), and where
// the machine's CPU went meanwhile: the app server's process, PostgreSQL's backends, the load
// generator. `npx tsx --conditions=react-server scripts/bench/profile-webhook.ts` after `next build`;
// writes .data/profile/*.cpuprofile (open in Chrome's DevTools) and prints the split.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { BENCH_WEBHOOK_TOKEN, load, startApp, stopServer, waitFor } from "./lib";
import { deliveryFactory, prepareBenchDatabase } from "./webhook";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const OUT = path.resolve(".data/profile");

/** CPU seconds used so far by processes whose command line matches `pattern`, or by `pid` (from /proc). */
function cpuSecondsOf(pattern: RegExp | number): number {
  const hz = 100;
  let ticks = 0;
  const pids = typeof pattern === "number" ? [String(pattern)] : readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  for (const pid of pids) {
    try {
      const cmd = execFileSync("cat", [`/proc/${pid}/cmdline`])
        .toString()
        .replace(/\0/g, " ");
      if (typeof pattern !== "number" && !pattern.test(cmd)) continue;
      const stat = execFileSync("cat", [`/proc/${pid}/stat`]).toString();
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return ticks / hz;
}

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const { databaseUrl, leads } = await prepareBenchDatabase("postgres", ADMIN_URL);
  const body = deliveryFactory(leads);
  const port = 3251;
  const profile = process.env.PROFILE !== "0";
  const app = startApp(
    port,
    { ...process.env, DATABASE_URL: databaseUrl! },
    "[app]",
    undefined,
    profile ? ["--cpu-prof", `--cpu-prof-dir=${OUT}`, "--cpu-prof-interval=200"] : [],
  );
  try {
    const url = `http://127.0.0.1:${port}/api/v1/smartflo/webhook?token=${BENCH_WEBHOOK_TOKEN}`;
    await waitFor(`http://127.0.0.1:${port}/sign-in`);
    await load({ label: "warm", url, body, duration: 3 });
    const stats = new pg.Client({ connectionString: databaseUrl! });
    await stats.connect();
    const xacts = async () =>
      Number(
        (await stats.query("SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()")).rows[0].n,
      );
    const xactsBefore = await xacts();
    const pgBefore = cpuSecondsOf(/^postgres: /);
    const appBefore = cpuSecondsOf(app.pid!);
    const selfBefore = process.cpuUsage();
    const r = await load({ label: "full webhook path", url, body, duration: Number(process.env.SECONDS ?? 15) });
    const self = process.cpuUsage(selfBefore);
    const pgCpu = cpuSecondsOf(/^postgres: /) - pgBefore;
    const appCpu = cpuSecondsOf(app.pid!) - appBefore;
    const requests = r.rps * Number(process.env.SECONDS ?? 15);
    // The statistics collector reports with a delay of up to half a second.
    await new Promise((done) => setTimeout(done, 1500));
    const transactions = (await xacts()) - xactsBefore;
    await stats.end();
    console.log(
      `transactions on the database: ${transactions} (${(transactions / requests).toFixed(2)} per request, background jobs included)`,
    );
    const per = (s: number) => `${((s * 1000) / requests).toFixed(3)} ms/request`;
    const loadCpu = (self.user + self.system) / 1e6;
    console.log(`app server CPU ${appCpu.toFixed(1)} s (${per(appCpu)}); PostgreSQL ${pgCpu.toFixed(1)} s (${per(pgCpu)})`);
    console.log(`load generator CPU ${loadCpu.toFixed(1)} s (${per(loadCpu)})`);
  } finally {
    await stopServer(app);
  }
  if (profile) console.log(`profiles in ${OUT}: ${readdirSync(OUT).join(", ")}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
