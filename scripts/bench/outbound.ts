// Outgoing webhooks under load: 10,000 lead.created events (written by the outbox trigger as leads
// are inserted) sent by two dispatcher processes (two app servers' jobs, sharing the work with SKIP
// LOCKED) to a real local receiver that verifies every signature (standardwebhooks) and counts
// unique webhook-ids. (a) all 10,000 at once, receiver up: throughput and latency. (b) 100 events a
// second for 100 s with the receiver down for 60 s in the middle: every event must arrive, none lost.
import { type ChildProcess, fork } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { seal } from "../../lib/outbound/secret-box";
import { newWebhookSecret } from "../../lib/outbound/sign";
import { freshDatabase } from "../live-cluster";
import { percentile } from "./lib";

const EVENTS = Number(process.env.BENCH_OUT_EVENTS ?? 10_000);
const RATE = Number(process.env.BENCH_OUT_RATE ?? 100);
const OUTAGE_S = Number(process.env.BENCH_OUT_OUTAGE_S ?? 60);
const WORKERS = 2;

export interface OutboundRun {
  label: string;
  events: number;
  unique: number;
  duplicates: number;
  badSignatures: number;
  seconds: number;
  perSecond: number;
  latency: { p50: number; p99: number; max: number };
  /** (b): seconds from the receiver's return until the last event arrived. */
  drainAfterOutage?: number;
}
export interface OutboundBench {
  a: OutboundRun;
  b: OutboundRun;
  outageSeconds: number;
}

/** A receiver that can be taken down (connections refused) and brought back on the same port. */
class Receiver {
  server: Server | null = null;
  port = 0;
  firstSeen = new Map<string, number>();
  createdAt = new Map<string, number>();
  duplicates = 0;
  badSignatures = 0;
  lastAt = 0;
  constructor(private wh: Webhook) {}
  async up() {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks).toString("utf8");
      try {
        const event = this.wh.verify(body, req.headers as Record<string, string>) as { timestamp: string };
        const id = req.headers["webhook-id"] as string;
        if (this.firstSeen.has(id)) this.duplicates++;
        else {
          this.firstSeen.set(id, Date.now());
          this.createdAt.set(id, new Date(event.timestamp).getTime());
        }
        this.lastAt = Date.now();
        res.writeHead(204).end();
      } catch {
        this.badSignatures++;
        res.writeHead(400).end("bad signature");
      }
    });
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((r) => this.server!.listen(this.port, "127.0.0.1", r));
    this.port = (this.server.address() as AddressInfo).port;
  }
  async down() {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
  reset() {
    this.firstSeen.clear();
    this.createdAt.clear();
    this.duplicates = 0;
    this.badSignatures = 0;
  }
}

async function insertLeads(c: pg.Client, from: number, count: number) {
  await c.query(
    `INSERT INTO lead (id, name, phone, "phoneLast10", status, "createdAt", "updatedAt")
     SELECT 'ob' || lpad(g::text, 7, '0'), 'Outbound Lead ' || g, '+91' || (7000000000 + g)::text, (7000000000 + g)::text, 'NEW',
            now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
     FROM generate_series($1::int, $2::int) g`,
    [from, from + count - 1],
  );
}

async function waitAll(rx: Receiver, total: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (rx.firstSeen.size < total && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
}

function summarise(label: string, rx: Receiver, events: number, started: number): OutboundRun {
  const lat = [...rx.firstSeen].map(([id, at]) => at - (rx.createdAt.get(id) ?? at));
  const seconds = (rx.lastAt - started) / 1000;
  return {
    label,
    events,
    unique: rx.firstSeen.size,
    duplicates: rx.duplicates,
    badSignatures: rx.badSignatures,
    seconds,
    perSecond: Math.round(rx.firstSeen.size / Math.max(seconds, 0.001)),
    latency: { p50: percentile(lat, 50), p99: percentile(lat, 99), max: Math.max(0, ...lat) },
  };
}

export async function benchOutbound(adminUrl: string): Promise<OutboundBench> {
  const databaseUrl = await freshDatabase(adminUrl, "crm_outbound_bench");
  const secret = newWebhookSecret();
  const rx = new Receiver(new Webhook(secret));
  await rx.up();
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query(
    `INSERT INTO webhook_endpoint (id, url, events, "secretSealed", "updatedAt") VALUES ('bench', $1, '{lead.created}', $2, now())`,
    [`http://127.0.0.1:${rx.port}/hooks`, seal(secret)],
  );
  const env = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development" as const, LOG_LEVEL: "warn" };
  const workers: ChildProcess[] = Array.from({ length: WORKERS }, () =>
    fork(path.join(import.meta.dirname, "outbound-worker.ts"), [], { env, execArgv: ["--conditions=react-server", "--import", "tsx"] }),
  );
  try {
    // (a) everything at once, receiver up.
    let started = Date.now();
    await insertLeads(c, 1, EVENTS);
    await waitAll(rx, EVENTS, 300_000);
    const a = summarise("(a) 10,000 at once, receiver up", rx, EVENTS, started);
    console.log(`  (a) ${a.unique}/${EVENTS} in ${a.seconds.toFixed(1)} s (${a.perSecond}/s), p99 ${a.latency.p99} ms`);

    // (b) a steady stream with the receiver down for OUTAGE_S in the middle.
    rx.reset();
    started = Date.now();
    const seconds = Math.ceil(EVENTS / RATE);
    const downAt = Math.max(0, Math.floor((seconds - OUTAGE_S) / 2));
    let backAt = 0;
    for (let s = 0; s < seconds; s++) {
      if (s === downAt) await rx.down();
      if (s === downAt + OUTAGE_S) {
        await rx.up();
        backAt = Date.now();
      }
      const tick = Date.now();
      await insertLeads(c, EVENTS + 1 + s * RATE, Math.min(RATE, EVENTS - s * RATE));
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
    }
    if (!backAt) {
      await rx.up();
      backAt = Date.now();
    }
    await waitAll(rx, EVENTS, 600_000);
    const b = {
      ...summarise(`(b) ${RATE}/s, receiver down ${OUTAGE_S} s`, rx, EVENTS, started),
      drainAfterOutage: (rx.lastAt - backAt) / 1000,
    };
    console.log(
      `  (b) ${b.unique}/${EVENTS}, ${b.duplicates} repeats, last arrived ${b.drainAfterOutage.toFixed(1)} s after the receiver came back`,
    );
    const pending = await c.query(`SELECT status, count(*)::int AS n FROM webhook_delivery GROUP BY status`);
    console.log(`  deliveries by status: ${pending.rows.map((r) => `${r.status} ${r.n}`).join(", ")}`);
    return { a, b, outageSeconds: OUTAGE_S };
  } finally {
    for (const w of workers) w.send("stop");
    await Promise.all(workers.map((w) => new Promise((r) => w.once("exit", r))));
    await c.end();
    await rx.down();
  }
}
