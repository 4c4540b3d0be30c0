// `npm run test:cluster` (and `npm test`'s "proxy" step): two production app servers behind nginx
// on one fresh PostgreSQL database, under faults.
//   - 100,000 Smartflo webhook deliveries through the proxy, 12 senders at a time; mid-burst one app
//     server is SIGKILLed (its process group) and started again 20 s later, and later PostgreSQL is
//     restarted. Everything not acknowledged is re-sent, as Smartflo does, until it is.
//   - 200 live streams (20 agents, each signed in twice with 5 tabs a sign-in) through the proxy;
//     those on the killed server reconnect to the other with Last-Event-ID.
// Checks (exit 1 with a FAIL line on any violation): every acknowledged delivery stored and processed
// exactly once, every call COMPLETED with its talk time and one timeline entry (scripts/cluster/
// deliveries.ts); every live event addressed to a stream's agent received by that stream, no resync;
// every per-minute cron slot run once and the few-second sweeps never doubled or stalled (jobs.ts).

import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { createUserWithPassword } from "../../lib/users/create-user";
import { startApp, stopServer, waitFor } from "../bench/lib";
import { CLUSTER_PASSWORD, freshDatabase, signIn } from "../live-cluster";
import { acknowledged, checkDeliveries, postgresRestarter, Sender, seedCalls, statusSummary } from "./deliveries";
import { checkScheduledJobs } from "./jobs";
import { ensureNginx, type NginxProxy, startProxy } from "./nginx";
import { openTab, type Tab } from "./streams";

const N = Number(process.env.CLUSTER_DELIVERIES ?? 100_000);
const CONCURRENCY = 12;
const AGENTS = 100;
const STREAMING_AGENTS = 20;
const SIGN_INS_PER_AGENT = 2;
const TABS_PER_SIGN_IN = 5;
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PROXY_PORT = 3310;
const PORTS: [number, number] = [3311, 3312];
/** Kinds of live events a stream sends as frames with an id (session and user events steer the stream itself). */
const FRAME_KINDS = ["call", "activity", "lead", "task", "break"];

const log = (line: string) => console.log(`[proxy] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failures: string[] = [];
const fail = (what: string) => {
  failures.push(what);
  console.error(`[proxy] FAIL: ${what}`);
};

async function prepare(): Promise<{ databaseUrl: string; streamers: { id: string; email: string }[] }> {
  const databaseUrl = await freshDatabase(ADMIN_URL, "crm_cluster_proxy");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  const streamers = await Promise.all(
    Array.from({ length: STREAMING_AGENTS }, async (_, a) => {
      const email = `agent${a}@proxy.local`;
      const user = await createUserWithPassword(db, {
        name: `Proxy Agent ${a}`,
        email,
        password: CLUSTER_PASSWORD,
        role: "AGENT",
        smartfloAgentNumber: `90000002${String(a).padStart(2, "0")}`,
      });
      return { id: user.id, email };
    }),
  );
  await db.$disconnect();
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  // The rest of the floor: agents without streams (one agent cannot take every call: its rollup row would serialise them).
  await c.query(
    `INSERT INTO "user" (id, name, email, "emailVerified", role, "smartfloAgentNumber", active, "createdAt", "updatedAt")
     SELECT 'floor-agent-' || a, 'Floor Agent ' || a, 'floor' || a || '@proxy.local', true, 'AGENT', '90000003' || lpad(a::text, 2, '0'),
            true, now(), now()
     FROM generate_series(${STREAMING_AGENTS}, ${AGENTS - 1}) a`,
  );
  await c.end();
  const agentIds = [
    ...streamers.map((s) => s.id),
    ...Array.from({ length: AGENTS - STREAMING_AGENTS }, (_, a) => `floor-agent-${a + STREAMING_AGENTS}`),
  ];
  await seedCalls(databaseUrl, N, agentIds);
  return { databaseUrl, streamers };
}

/** For each tab: the events addressed to its agent after `baseline` that it did not receive (a later one for the same record excused). */
async function checkStreams(databaseUrl: string, tabs: Tab[], baseline: bigint) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const userIds = [...new Set(tabs.map((t) => t.userId))];
  const load = async () =>
    (
      await db.query<{ id: string; kind: string; entityId: string; userIds: string[] }>(
        `SELECT id, kind, "entityId", "userIds" FROM live_event WHERE id > $1 AND kind = ANY($2) AND "userIds" && $3 ORDER BY id`,
        [String(baseline), FRAME_KINDS, userIds],
      )
    ).rows.map((r) => ({ ...r, id: BigInt(r.id) }));
  let events = await load();
  // Streams still catching up (a replay, the last batch): wait up to 60 s for each to reach its agent's last event.
  const lastFor = (userId: string) => events.filter((e) => e.userIds.includes(userId)).at(-1)?.id ?? baseline;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && tabs.some((t) => (t.lastId ?? 0n) < lastFor(t.userId))) await sleep(500);
  events = await load();
  await db.end();
  let missed = 0;
  let superseded = 0;
  let expected = 0;
  const examples: string[] = [];
  for (const tab of tabs) {
    const mine = events.filter((e) => e.userIds.includes(tab.userId));
    expected += mine.length;
    mine.forEach((e, i) => {
      if (tab.ids.has(e.id)) return;
      // A replay sends a record changed several times while away once, as it is now (lib/live/stream.ts).
      const later =
        e.kind !== "activity" && mine.slice(i + 1).some((l) => l.kind === e.kind && l.entityId === e.entityId && tab.ids.has(l.id));
      if (later) superseded++;
      else {
        missed++;
        if (examples.length < 5) examples.push(`${e.id} (${e.kind} ${e.entityId})`);
      }
    });
  }
  return { expected, missed, superseded, examples, events: events.length };
}

/** CPU seconds used so far by each process group in `groups` (and by PostgreSQL's processes, every database, if asked). */
function cpuSeconds(groups: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(groups)) out[key] = 0;
  const byGroup = new Map(Object.entries(groups).map(([k, g]) => [g, k]));
  const ps = execFileSync("ps", ["-e", "-o", "pgid=,user=,times="], { encoding: "utf8" });
  for (const line of ps.split("\n")) {
    const [pgid, user, secs] = line.trim().split(/\s+/);
    if (!secs) continue;
    const key = byGroup.get(Number(pgid)) ?? (user === "postgres" ? "postgres" : undefined);
    if (key === "postgres" && !("postgres" in groups)) continue;
    if (key) out[key]! += Number(secs);
  }
  return out;
}

async function main() {
  const started = Date.now();
  if (!existsSync(".next/BUILD_ID")) {
    log("no production build yet: running next build…");
    execFileSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  }
  const restartPostgres = postgresRestarter(ADMIN_URL, log);
  if (!restartPostgres) {
    console.error(`[proxy] FAIL: cannot restart the PostgreSQL server behind ${ADMIN_URL} (needs a local cluster and pg_ctlcluster)`);
    process.exit(2);
  }
  const nginx = ensureNginx(log);
  log(`preparing ${N.toLocaleString()} leads and calls, ${AGENTS} agents…`);
  const { databaseUrl, streamers } = await prepare();

  const proxyUrl = `http://127.0.0.1:${PROXY_PORT}`;
  const appUrl = `http://localhost:${PROXY_PORT}`;
  const env = { ...process.env, DATABASE_URL: databaseUrl, TRUSTED_PROXY_HEADER: "x-forwarded-for" };
  const servers: (ChildProcess | null)[] = PORTS.map((port, i) => startApp(port, env, `[proxy:${"AB"[i]}]`, appUrl));
  let proxy: NginxProxy | null = null;
  const tabs: Tab[] = [];
  const sender = new Sender(PROXY_PORT, CONCURRENCY);
  try {
    await Promise.all(PORTS.map((port) => waitFor(`http://127.0.0.1:${port}/sign-in`)));
    const bothUp = Date.now();
    proxy = await startProxy(nginx, PROXY_PORT, PORTS, log);

    // 200 streams through the proxy (nginx spreads them over both servers).
    for (const agent of streamers) {
      for (let s = 0; s < SIGN_INS_PER_AGENT; s++) {
        const cookie = await signIn(proxyUrl, agent.email);
        for (let t = 0; t < TABS_PER_SIGN_IN; t++) tabs.push(openTab(PROXY_PORT, cookie, agent.id));
      }
    }
    const openBy = Date.now() + 30_000;
    while (tabs.some((t) => !t.connected)) {
      if (Date.now() > openBy) throw new Error(`${tabs.filter((t) => !t.connected).length} streams did not open`);
      await sleep(100);
    }
    await sleep(1000); // each server's LISTEN is up before the first change
    const probe = new pg.Client({ connectionString: databaseUrl });
    await probe.connect();
    const baseline = BigInt((await probe.query<{ m: string }>(`SELECT coalesce(max(id), 0) AS m FROM live_event`)).rows[0]!.m);
    await probe.end();
    log(`${tabs.length} live streams open through the proxy (${STREAMING_AGENTS} agents × ${SIGN_INS_PER_AGENT * TABS_PER_SIGN_IN} tabs)`);

    // The burst, with server B killed at 25 % (started again 20 s later) and PostgreSQL restarted at 65 %.
    const burstStart = Date.now();
    const groups = () => ({ A: servers[0]?.pid, B: servers[1]?.pid, nginx: proxy?.process.pid });
    const cpuBefore = cpuSeconds(groups());
    const selfBefore = process.cpuUsage();
    let cpuOfKilledB = 0;
    let killedAt = 0;
    let droppedByKill: Tab[] = [];
    let bRestart: Promise<void> | null = null;
    let pgRestart: Promise<void> | null = null;
    const outages: { from: number; to: number }[] = [];
    const reconnectsBefore = new Map<Tab, number>();
    const killB = () => {
      killedAt = Date.now();
      for (const t of tabs) reconnectsBefore.set(t, t.reconnects + (t.connected ? 0 : 1));
      cpuOfKilledB = cpuSeconds(groups()).B! - cpuBefore.B!;
      log(`SIGKILL server B (pid ${servers[1]!.pid}, its process group)`);
      process.kill(-servers[1]!.pid!, "SIGKILL");
      // A sweep's run B held when killed stays active until it expires: the sweep may pause then too.
      outages.push({ from: killedAt, to: killedAt + 1000 });
      bRestart = (async () => {
        await sleep(3000);
        droppedByKill = tabs.filter((t) => t.reconnects > reconnectsBefore.get(t)! || !t.connected);
        await sleep(17_000);
        log("starting server B again…");
        servers[1] = startApp(PORTS[1], env, "[proxy:B]", appUrl);
        await waitFor(`http://127.0.0.1:${PORTS[1]}/sign-in`);
        log(`server B is back (${((Date.now() - killedAt) / 1000).toFixed(0)} s after the kill)`);
      })();
    };
    const all = Array.from({ length: N }, (_, i) => i);
    const first = await sender.send(all, (done) => {
      if (done % 10_000 === 0) log(`${done.toLocaleString()} sent (${Math.round(done / ((Date.now() - burstStart) / 1000))}/s)`);
      if (!killedAt && done >= N * 0.25) killB();
      if (!pgRestart && done >= N * 0.65) {
        pgRestart = (async () => {
          await bRestart;
          const from = Date.now();
          await restartPostgres();
          outages.push({ from, to: Date.now() });
        })();
      }
    });
    await bRestart;
    await pgRestart;
    const seconds = (Date.now() - burstStart) / 1000;
    const cpuAfter = cpuSeconds(groups());
    const self = process.cpuUsage(selfBefore);
    log(
      `CPU seconds during the burst: server A ${cpuAfter.A! - cpuBefore.A!}, server B ${cpuOfKilledB + cpuAfter.B!}, ` +
        `nginx ${cpuAfter.nginx! - cpuBefore.nginx!}, this test ${((self.user + self.system) / 1e6).toFixed(0)}`,
    );
    const acked = all.filter((i) => acknowledged(first.get(i)));
    const ackedSet = new Set(acked);
    const notAcked = all.filter((i) => !ackedSet.has(i));
    log(
      `burst: ${N.toLocaleString()} in ${seconds.toFixed(0)} s (${Math.round(N / seconds)}/s); ` +
        `2xx ${acked.length.toLocaleString()}, not acknowledged ${notAcked.length} (${statusSummary(first)})`,
    );
    const { pending, resent } = await sender.resend(notAcked, log);
    if (pending.length) fail(`${pending.length} deliveries never acknowledged after 30 rounds`);
    if (!killedAt) fail("server B was never killed");
    if (outages.length < 2) fail("PostgreSQL was never restarted");

    const deliveries = await checkDeliveries(databaseUrl, N, acked, log);
    if (!deliveries.ok) fail("deliveries: lost, processed twice, or calls not completed once (above)");
    const burstEnd = Date.now();

    const streams = await checkStreams(databaseUrl, tabs, baseline);
    const reconnected = tabs.filter((t) => t.reconnects > 0).length;
    const resyncs = tabs.reduce((a, t) => a + t.resyncs, 0);
    const stillDown = tabs.filter((t) => !t.connected).length;
    log(
      `live streams: ${tabs.length}; dropped by the kill ${droppedByKill.length}, reconnected ${reconnected} ` +
        `(${tabs.reduce((a, t) => a + t.reconnects, 0)} reconnects, ${tabs.reduce((a, t) => a + t.refusals, 0)} refused attempts); ` +
        `events due ${streams.expected.toLocaleString()} (${streams.events.toLocaleString()} rows), missed ${streams.missed}, ` +
        `sent once as the record's latest state ${streams.superseded}, resyncs ${resyncs}`,
    );
    if (droppedByKill.length === 0) fail("no stream was on the killed server (nginx should have spread them)");
    if (droppedByKill.some((t) => t.reconnects <= reconnectsBefore.get(t)! || !t.connected))
      fail("a stream on the killed server did not reconnect");
    if (stillDown) fail(`${stillDown} streams are not connected at the end`);
    if (streams.missed) fail(`streams missed ${streams.missed} events (e.g. ${streams.examples.join(", ")})`);
    if (resyncs) fail(`${resyncs} reconnects were answered resync instead of a replay`);

    const jobs = await checkScheduledJobs(databaseUrl, { from: bothUp, to: burstEnd }, outages);
    log(`scheduled jobs: ${jobs.slots} slots and runs checked (per-minute crons and sweeps), ${jobs.problems.length} problems`);
    for (const p of jobs.problems.slice(0, 20)) log(`  ${p}`);
    if (!jobs.ok) fail("scheduled jobs ran twice, or stopped while a server was up");

    const total = (Date.now() - started) / 1000;
    log("summary:");
    log(
      `  deliveries ${N.toLocaleString()}, re-sent ${resent.toLocaleString()}, ` +
        `acknowledged ${(N - pending.length).toLocaleString()} (${acked.length.toLocaleString()} at the first attempt)`,
    );
    log(`  stored ${deliveries.stored.toLocaleString()}, duplicates ${deliveries.duplicates.toLocaleString()}`);
    log(`  processed twice ${deliveries.twice}, lost ${deliveries.lost}, never processed ${deliveries.neverProcessed}`);
    log(`  streams ${tabs.length}, reconnected ${reconnected}, events missed ${streams.missed}, resyncs ${resyncs}`);
    log(`  schedule slots checked ${jobs.slots}, problems ${jobs.problems.length}`);
    log(`  run time ${Math.floor(total / 60)} min ${Math.round(total % 60)} s`);
  } catch (error) {
    console.error(error);
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    for (const t of tabs) t.close();
    sender.destroy();
    await proxy?.stop();
    await Promise.all(servers.map((s) => stopServer(s)));
  }
  log(failures.length ? `FAIL (${failures.length}): ${failures.join("; ")}` : "PASS");
  process.exit(failures.length ? 1 : 0);
}

await main();
