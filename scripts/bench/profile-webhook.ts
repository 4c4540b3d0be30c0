// A CPU profile of the production server under the webhook bench's load (the full path), and where
// the machine's CPU went meanwhile: the app server's process, PostgreSQL's backends, the load
// generator. `npx tsx --conditions=react-server scripts/bench/profile-webhook.ts` after `next build`;
// writes .data/profile/*.cpuprofile (open in Chrome's DevTools) and prints the split.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { hangupTemplate } from "../../lib/smartflo/__fixtures__/deliveries";
import { BENCH_WEBHOOK_TOKEN, load, startApp, stopServer, waitFor } from "./lib";
import { prepareBenchDatabase } from "./webhook";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const OUT = path.resolve(".data/profile");

/** CPU seconds used so far by processes whose command line matches `pattern` (from /proc). */
function cpuSecondsOf(pattern: RegExp): number {
  const hz = 100;
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = execFileSync("cat", [`/proc/${pid}/cmdline`])
        .toString()
        .replace(/\0/g, " ");
      if (!pattern.test(cmd)) continue;
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
  let n = 0;
  const body = () => {
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
  const port = 3251;
  const profile = process.env.PROFILE !== "0";
  const app = startApp(
    port,
    {
      ...process.env,
      DATABASE_URL: databaseUrl!,
      ...(profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${OUT} --cpu-prof-interval=200` } : {}),
    },
    "[app]",
  );
  try {
    const url = `http://127.0.0.1:${port}/api/v1/smartflo/webhook?token=${BENCH_WEBHOOK_TOKEN}`;
    await waitFor(`http://127.0.0.1:${port}/sign-in`);
    await load({ label: "warm", url, body, duration: 3 });
    const pgBefore = cpuSecondsOf(/^postgres: /);
    const appBefore = cpuSecondsOf(/scripts\/server\.ts/);
    const selfBefore = process.cpuUsage();
    const r = await load({ label: "full webhook path", url, body, duration: Number(process.env.SECONDS ?? 15) });
    const self = process.cpuUsage(selfBefore);
    const pg = cpuSecondsOf(/^postgres: /) - pgBefore;
    const appCpu = cpuSecondsOf(/scripts\/server\.ts/) - appBefore;
    const requests = r.rps * Number(process.env.SECONDS ?? 15);
    const per = (s: number) => `${((s * 1000) / requests).toFixed(3)} ms/request`;
    const loadGen = (self.user + self.system) / 1e6;
    console.log(
      `app server CPU ${appCpu.toFixed(1)} s (${per(appCpu)}); PostgreSQL ${pg.toFixed(1)} s (${per(pg)}); ` +
        `load generator ${loadGen.toFixed(1)} s (${per(loadGen)})`,
    );
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
