// Click-to-call overhead: the latency of our route (session, scope, one-call-per-agent guard, call
// row, Smartflo request) minus the simulator's own latency for the same Smartflo request, measured
// interleaved in one run against the production build on PostgreSQL.
import pg from "pg";
import { ALL_DAY_CALLING_HOURS } from "../../lib/compliance/hours";
import { SmartfloSimulator } from "../../lib/smartflo/simulator/server";
import { signInOverHttp } from "../lib";
import { percentile, startApp, stopServer, waitFor } from "./lib";

const SAMPLES = Number(process.env.BENCH_C2C_SAMPLES ?? 300);

export interface ClickToCallBench {
  samples: number;
  route: { p50: number; p95: number };
  simulator: { p50: number; p95: number };
  /** GET /api/auth/get-session: better-auth's own session check (what every route ran before). */
  session: { p50: number; p95: number };
  /** GET /api/v1/me: the session-only request through our session check (lib/auth/actor.ts). */
  me: { p50: number; p95: number };
  /** median(route) − median(simulator) − median(me): what the route itself adds. */
  ownWorkP50: number;
  overheadP50: number;
  overheadP95: number;
}

export async function benchClickToCall(opts: {
  databaseUrl: string;
  email: string;
  password: string;
  leadIds: string[];
}): Promise<ClickToCallBench> {
  const sim = new SmartfloSimulator({
    port: 4310,
    webhookUrl: null,
    apiTokens: ["sim-token"],
    defaultScenario: { outcome: "answer", ringSeconds: 3600, talkSeconds: 1 },
  });
  const simUrl = await sim.start();
  const port = 3204;
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: opts.databaseUrl,
    SMARTFLO_BASE_URL: `${simUrl}/v1`,
    SMARTFLO_API_TOKEN: "sim-token",
    SMARTFLO_SIMULATOR: "1",
    // The bench places thousands of calls as one agent; production's daily cap (500) would stop it.
    MAX_CALLS_PER_AGENT_PER_DAY: "10000000",
  };
  // BENCH_PROFILE_DIR: the app server writes a CPU profile there (open in Chrome's DevTools).
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--cpu-prof-interval=200"] : [];
  const app = startApp(port, env, "[app:c2c]", undefined, nodeArgs);
  const db = new pg.Client({ connectionString: opts.databaseUrl });
  await db.connect();
  try {
    await waitFor(`${base}/sign-in`);
    const cookie = await signInOverHttp(base, opts.email, opts.password);
    // One call in progress per agent: end the previous one (outside the timing) before the next click.
    const endCalls = () =>
      db.query(`UPDATE call SET status = 'COMPLETED', "endedAt" = now() WHERE status IN ('INITIATED', 'RINGING', 'ANSWERED')`);
    await endCalls();
    // The bench runs at any hour: open the calling hours for its database.
    await db.query(
      `INSERT INTO app_setting (key, value, "updatedAt") VALUES ('compliance', $1, now())
       ON CONFLICT (key) DO UPDATE SET value = app_setting.value || EXCLUDED.value`,
      [JSON.stringify({ callingHours: ALL_DAY_CALLING_HOURS })],
    );
    const route: number[] = [];
    const direct: number[] = [];
    const session: number[] = [];
    const me: number[] = [];
    for (let i = 0; i < SAMPLES + 20; i++) {
      const leadId = opts.leadIds[i % opts.leadIds.length]!;
      let t0 = performance.now();
      const res = await fetch(`${base}/api/v1/smartflo/click-to-call`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: `http://localhost:${port}` },
        body: JSON.stringify({ leadId }),
      });
      const body = await res.text();
      const routeMs = performance.now() - t0;
      if (res.status !== 201) throw new Error(`click-to-call answered ${res.status}: ${body.slice(0, 300)}`);
      // The very request our server sent, straight to the simulator.
      const sent = sim.requests.filter((r) => r.path.endsWith("/click_to_call")).at(-1)!;
      t0 = performance.now();
      const simRes = await fetch(`${simUrl}/v1/click_to_call`, {
        method: "POST",
        headers: { "content-type": "application/json", Authorization: "Bearer sim-token" },
        body: JSON.stringify(sent.body),
      });
      await simRes.text();
      const directMs = performance.now() - t0;
      // The framework's own floor for a signed-in request: better-auth's session route, same client.
      t0 = performance.now();
      const sessionRes = await fetch(`${base}/api/auth/get-session`, { headers: { cookie } });
      await sessionRes.text();
      const sessionMs = performance.now() - t0;
      // The session-only request through our own check, the one every API route makes.
      t0 = performance.now();
      const meRes = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
      await meRes.text();
      if (meRes.status !== 200) throw new Error(`/api/v1/me answered ${meRes.status}`);
      const meMs = performance.now() - t0;
      await endCalls();
      sim.reset();
      if (i < 20) continue; // warm-up
      route.push(routeMs);
      direct.push(directMs);
      session.push(sessionMs);
      me.push(meMs);
    }
    const r = { p50: percentile(route, 50), p95: percentile(route, 95) };
    const s = { p50: percentile(direct, 50), p95: percentile(direct, 95) };
    const diffs = route.map((v, i) => v - direct[i]!);
    return {
      samples: SAMPLES,
      route: r,
      simulator: s,
      session: { p50: percentile(session, 50), p95: percentile(session, 95) },
      me: { p50: percentile(me, 50), p95: percentile(me, 95) },
      ownWorkP50: r.p50 - s.p50 - percentile(me, 50),
      overheadP50: percentile(diffs, 50),
      overheadP95: percentile(diffs, 95),
    };
  } finally {
    await db.end();
    await stopServer(app);
    await sim.stop();
  }
}
