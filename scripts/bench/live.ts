// The live stream's benchmark: two production servers on one PostgreSQL, 500 SSE connections on
// server B (50 agents, 10 tabs each), webhooks posted to server A. Measures the time from A's 200
// to the event on B's stream, B's memory per open stream, and A's webhook throughput with the 500
// streams open against the same run without them.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { hangupTemplate } from "../../lib/smartflo/__fixtures__/deliveries";
import { createUserWithPassword } from "../../lib/users/create-user";
import { CLUSTER_PASSWORD, freshDatabase, openEvents, postWebhook, rssBytes, signIn, startCluster } from "../live-cluster";
import { BENCH_WEBHOOK_TOKEN, load, percentile } from "./lib";

const AGENTS = 50;
const TABS = 10;
/** Tabs share a sign-in five at a time (two devices an agent): a sign-in keeps 8 streams open at most (lib/live/stream.ts). */
const TABS_PER_SIGN_IN = 5;
const EVENTS = Number(process.env.BENCH_LIVE_EVENTS ?? 600);
const LOAD_CALLS = 500;

export interface LiveBench {
  connections: number;
  events: number;
  received: number;
  fromOk: { p50: number; p99: number; max: number };
  fromSend: { p50: number; p99: number };
  memoryPerConnectionKiB: number;
  rps: { without: number[]; with: number[] };
}

async function prepare(adminUrl: string) {
  const databaseUrl = await freshDatabase(adminUrl, "crm_live_bench");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  const agents: { id: string; email: string; number: string }[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const number = `91000${String(i).padStart(5, "0")}`;
    const email = `agent${i}@live.local`;
    const u = await createUserWithPassword(db, {
      name: `Live Agent ${i}`,
      email,
      password: CLUSTER_PASSWORD,
      role: "AGENT",
      smartfloAgentNumber: number,
    });
    agents.push({ id: u.id, email, number });
  }
  const total = EVENTS + LOAD_CALLS;
  const leads = Array.from({ length: total }, (_, i) => {
    const phone = `+9196${String(10000000 + i).padStart(8, "0")}`;
    return { id: `livelead${i}`, name: `Live Lead ${i}`, phone, phoneLast10: phone.slice(-10), ownerId: agents[i % AGENTS]!.id };
  });
  await db.lead.createMany({ data: leads });
  await db.call.createMany({
    data: leads.map((l, i) => ({
      id: `livecall${i}`,
      leadId: l.id,
      agentId: l.ownerId,
      direction: "OUTBOUND" as const,
      status: "RINGING" as const,
      providerCallId: `1793000000.${i}`,
      customerNumber: l.phone,
      startedAt: new Date(),
    })),
  });
  await db.$disconnect();
  return { databaseUrl, agents, leads };
}

const hangup = (i: number, lead: { id: string; phone: string }, agentNumber: string, talk: number) =>
  hangupTemplate({
    call_id: `1793000000.${i}`,
    uuid: `live-uuid-${i}`,
    ref_id: lead.id,
    call_to_number: lead.phone.slice(-10),
    "customer_no_with_prefix ": lead.phone.slice(1),
    answered_agent: agentNumber,
    answered_agent_number: agentNumber,
    billsec: String(talk),
    outbound_sec: String(talk),
  });

export async function benchLive(adminUrl: string): Promise<LiveBench> {
  console.log(`Live stream: ${AGENTS * TABS} streams on server B, webhooks on server A…`);
  const { databaseUrl, agents, leads } = await prepare(adminUrl);
  const cluster = await startCluster(databaseUrl, [3311, 3312], "bench:live");
  try {
    // Tab t of agent a uses sign-in t / TABS_PER_SIGN_IN of that agent.
    const signIns: string[][] = [];
    for (let d = 0; d < TABS / TABS_PER_SIGN_IN; d++) {
      const device: string[] = [];
      for (const a of agents) device.push(await signIn(cluster.b, a.email));
      signIns.push(device);
    }
    const cookieOf = (t: number, a: number) => signIns[Math.floor(t / TABS_PER_SIGN_IN)]![a]!;

    // A's throughput, with and without the streams (alternating), on calls of their own.
    let n = 0;
    const loadBody = () => {
      const i = EVENTS + (n % LOAD_CALLS);
      n++;
      return JSON.stringify(hangup(i, leads[i]!, agents[i % AGENTS]!.number, 30 + (n % 600)));
    };
    const url = `${cluster.a}/api/v1/smartflo/webhook?token=${BENCH_WEBHOOK_TOKEN}`;
    const without: number[] = [];
    const withStreams: number[] = [];
    const arrivals = new Map<string, number>();
    const open = async () => {
      const streams = [];
      for (let t = 0; t < TABS; t++) {
        for (let a = 0; a < AGENTS; a++) {
          streams.push(
            await openEvents(cluster.b, cookieOf(t, a), (name, data, at) => {
              if (t !== 0 || name !== "call.updated") return;
              const id = /"id":"(livecall\d+)"/.exec(data)?.[1];
              if (id && !arrivals.has(id)) arrivals.set(id, at);
            }),
          );
        }
      }
      return streams;
    };

    await load({ label: "warm-up", url, body: loadBody, duration: 5 });
    without.push((await load({ label: "without streams", url, body: loadBody })).rps);
    const before = await rssBytes(cluster.pids.b);
    let streams = await open();
    await new Promise((r) => setTimeout(r, 3000));
    const memoryPerConnectionKiB = (await rssBytes(cluster.pids.b)) - before;
    withStreams.push((await load({ label: "with 500 streams", url, body: loadBody })).rps);
    await Promise.all(streams.map((s) => s.close()));
    without.push((await load({ label: "without streams", url, body: loadBody })).rps);
    streams = await open();
    withStreams.push((await load({ label: "with 500 streams", url, body: loadBody })).rps);

    // Latency: one delivery at a time, each for a call whose agent has 10 tabs open on B.
    arrivals.clear();
    const fromOk: number[] = [];
    const fromSend: number[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const agent = agents[i % AGENTS]!;
      const sent = performance.now();
      const res = await postWebhook(cluster.a, hangup(i, leads[i]!, agent.number, 45));
      const ok = performance.now();
      await res.text();
      if (res.status !== 200) throw new Error(`webhook ${i}: ${res.status}`);
      const deadline = Date.now() + 5000;
      while (!arrivals.has(`livecall${i}`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
      const at = arrivals.get(`livecall${i}`);
      if (at !== undefined) {
        fromOk.push(Math.max(0, at - ok));
        fromSend.push(at - sent);
      }
      // Not a 50-minute wait (5 s an event) when the streams hear nothing at all.
      if (i === 19 && fromOk.length === 0) throw new Error("live bench: none of the first 20 events reached a stream on B");
    }
    await Promise.all(streams.map((s) => s.close()));
    const connections = AGENTS * TABS;
    return {
      connections,
      events: EVENTS,
      received: fromOk.length,
      fromOk: { p50: percentile(fromOk, 50), p99: percentile(fromOk, 99), max: Math.max(...fromOk) },
      fromSend: { p50: percentile(fromSend, 50), p99: percentile(fromSend, 99) },
      memoryPerConnectionKiB: memoryPerConnectionKiB / connections / 1024,
      rps: { without, with: withStreams },
    };
  } finally {
    await cluster.stop();
  }
}
