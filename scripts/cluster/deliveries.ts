// What the burst (scripts/reliability-burst.ts) and the proxy test (scripts/cluster/run.ts) share:
// N leads with one ringing call each, the hang-up delivery Smartflo sends for call i, senders that
// re-send what was not acknowledged as Smartflo does, the PostgreSQL restart, and the checks that
// every acknowledged delivery was stored and processed exactly once.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import http from "node:http";
import { promisify } from "node:util";
import pg from "pg";
import { hangupTemplate } from "../../lib/smartflo/__fixtures__/deliveries";
import { BENCH_WEBHOOK_TOKEN } from "../bench/lib";

const exec = promisify(execFile);

/**
 * Stops the local PostgreSQL cluster behind `adminUrl` (the Debian cluster listening on its port) for
 * 3 s and starts it again; null when it is not local or no such cluster is found.
 */
export function postgresRestarter(adminUrl: string, log: (line: string) => void): (() => Promise<void>) | null {
  const url = new URL(adminUrl);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) return null;
  const port = url.port || "5432";
  let cluster: { version: string; name: string } | undefined;
  try {
    // "15 main 5432 online postgres /var/lib/postgresql/15/main …"
    cluster = execFileSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[2] === port)
      .map((f) => ({ version: f[0]!, name: f[1]! }))[0];
  } catch {
    cluster = undefined;
  }
  if (!cluster) {
    // Without pg_lsclusters: the first version's main cluster, as before.
    const version = existsSync("/etc/postgresql") ? readdirSync("/etc/postgresql")[0] : undefined;
    if (!version || port !== "5432") return null;
    cluster = { version, name: "main" };
  }
  const { version, name } = cluster;
  const ctl = (action: string) =>
    exec("pg_ctlcluster", ["--skip-systemctl-redirect", version, name, action, ...(action === "stop" ? ["-m", "fast"] : [])]);
  return async () => {
    log("stopping PostgreSQL (deliveries keep coming)…");
    await ctl("stop");
    await new Promise((r) => setTimeout(r, 3000));
    log("starting PostgreSQL…");
    await ctl("start");
    log("PostgreSQL is back");
  };
}

/**
 * Leads burstlead0…N-1, each with call `1795000000.i` ringing at agent `agentIds[i % agents]`
 * (many agents: one agent's rollup row would serialise every call).
 */
export async function seedCalls(databaseUrl: string, n: number, agentIds: string[]) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const k = agentIds.length;
  await c.query(
    `INSERT INTO lead (id, name, phone, "phoneLast10", status, "ownerId", "createdAt", "updatedAt")
    SELECT 'burstlead' || g, 'Burst Lead ' || g, '+91' || (6000000000 + g)::text, (6000000000 + g)::text, 'NEW', ($1::text[])[1 + g % ${k}],
           now(), now()
    FROM generate_series(0, ${n - 1}) g`,
    [agentIds],
  );
  // Loaded with the dashboard's rollup trigger off and the rollup rebuilt once, as the scale bench does.
  await c.query("ALTER TABLE call DISABLE TRIGGER call_stats");
  await c.query(
    `INSERT INTO call (id, "leadId", "agentId", direction, status, "providerCallId", "customerNumber",
                                   "startedAt", "createdAt", "updatedAt")
    SELECT 'burstcall' || g, 'burstlead' || g, ($1::text[])[1 + g % ${k}], 'OUTBOUND', 'RINGING', '1795000000.' || g,
           '+91' || (6000000000 + g)::text, now(), now(), now()
    FROM generate_series(0, ${n - 1}) g`,
    [agentIds],
  );
  await c.query("SELECT crm_rebuild_call_stats()");
  await c.query("ALTER TABLE call ENABLE TRIGGER call_stats");
  await c.end();
}

/** The hang-up delivery for call i (talk time 31 + i % 500 s). */
export const deliveryBody = (i: number) =>
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

export const acknowledged = (status: number | undefined) => (status ?? 0) >= 200 && (status ?? 0) < 300;

/** Posts deliveries to the webhook at `port` on this host, `concurrency` at a time (0 = no answer: reset, refused, timeout). */
export class Sender {
  private agent: http.Agent;
  constructor(
    private port: number,
    private concurrency: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  }

  post(i: number): Promise<number> {
    return new Promise((resolve) => {
      const data = deliveryBody(i);
      const req = http.request(
        {
          host: "127.0.0.1",
          port: this.port,
          path: `/api/v1/smartflo/webhook?token=${BENCH_WEBHOOK_TOKEN}`,
          method: "POST",
          agent: this.agent,
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

  /** Sends every index in `ids`; the status per index. */
  async send(ids: number[], onProgress?: (done: number) => void): Promise<Map<number, number>> {
    const statuses = new Map<number, number>();
    let next = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: this.concurrency }, async () => {
        while (next < ids.length) {
          const i = ids[next++]!;
          statuses.set(i, await this.post(i));
          onProgress?.(++done);
        }
      }),
    );
    return statuses;
  }

  /** As Smartflo: what was not acknowledged is sent again (a second apart) until it is; what is still pending after `rounds`. */
  async resend(pending: number[], log: (line: string) => void, rounds = 30): Promise<{ pending: number[]; resent: number }> {
    let resent = 0;
    for (let round = 1; pending.length > 0 && round <= rounds; round++) {
      await new Promise((r) => setTimeout(r, 1000));
      resent += pending.length;
      const again = await this.send(pending);
      pending = pending.filter((i) => !acknowledged(again.get(i)));
      log(`retry round ${round}: ${pending.length} still not acknowledged`);
    }
    return { pending, resent };
  }

  destroy() {
    this.agent.destroy();
  }
}

/** "no answer: 12, 502: 40" for the statuses that were not 2xx. */
export function statusSummary(statuses: Map<number, number>): string {
  const codes = new Map<number, number>();
  for (const s of statuses.values()) if (!acknowledged(s)) codes.set(s, (codes.get(s) ?? 0) + 1);
  return [...codes].map(([c, n]) => `${c === 0 ? "no answer" : c}: ${n}`).join(", ") || "none";
}

export interface DeliveryCheck {
  ok: boolean;
  stored: number;
  duplicates: number;
  lost: number;
  twice: number;
  neverProcessed: number;
  completed: number;
  timeline: number;
}

/**
 * Waits for the retry sweep to take what was stored but not processed, then checks: no acknowledged
 * delivery lost, none processed twice (copies are DUPLICATE), every call COMPLETED with its talk time
 * and exactly one timeline entry.
 */
export async function checkDeliveries(
  databaseUrl: string,
  n: number,
  acked: number[],
  log: (line: string) => void,
): Promise<DeliveryCheck> {
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
  const { rows: dupRows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM webhook_event WHERE status = 'DUPLICATE'`);
  const byUuid = new Map(perDelivery.map((r) => [r.u, r]));
  const processed = (i: number) => Number(byUuid.get(`burst-${i}`)?.processed ?? 0);
  const all = Array.from({ length: n }, (_, i) => i);
  const lost = acked.filter((i) => processed(i) === 0);
  const twice = all.filter((i) => processed(i) > 1);
  const neverProcessed = all.filter((i) => processed(i) === 0);
  const stored = perDelivery.reduce((a, r) => a + Number(r.stored), 0);
  const { rows: callRows } = await db.query<{ ok: string; activities: string; contacted: string; lonely: string }>(
    `SELECT (SELECT count(*) FROM call
             WHERE status = 'COMPLETED' AND "talkSeconds" = 31 + (split_part("providerCallId", '.', 2)::int % 500)) AS ok,
            (SELECT count(*) FROM activity WHERE type = 'CALL') AS activities,
            (SELECT count(*) FROM (SELECT "callId" FROM activity WHERE type = 'CALL' AND "callId" IS NOT NULL
                                   GROUP BY 1 HAVING count(*) = 1) one) AS lonely,
            (SELECT count(*) FROM lead WHERE status = 'CONTACTED' AND "lastContactedAt" IS NOT NULL) AS contacted`,
  );
  await db.end();
  const c = callRows[0]!;
  log(`stored events: ${stored.toLocaleString()} for ${n.toLocaleString()} deliveries (copies from retries are marked DUPLICATE)`);
  log(`acknowledged but lost: ${lost.length}`);
  log(`processed more than once: ${twice.length}`);
  log(`never processed (after retries): ${neverProcessed.length}`);
  log(
    `calls COMPLETED with the right talk time: ${Number(c.ok).toLocaleString()} / ${n.toLocaleString()}; ` +
      `CALL timeline entries: ${Number(c.activities).toLocaleString()} (calls with exactly one: ${Number(c.lonely).toLocaleString()}); ` +
      `leads CONTACTED: ${Number(c.contacted).toLocaleString()}`,
  );
  if (lost.length || twice.length || neverProcessed.length)
    log(
      `examples: lost ${lost.slice(0, 5).join(",")} twice ${twice.slice(0, 5).join(",")} never ${neverProcessed
        .slice(0, 5)
        .map((i) => `${i}:${byUuid.get(`burst-${i}`)?.statuses ?? "none"}`)
        .join(" ")}`,
    );
  return {
    ok:
      lost.length === 0 &&
      twice.length === 0 &&
      neverProcessed.length === 0 &&
      Number(c.ok) === n &&
      Number(c.activities) === n &&
      Number(c.lonely) === n,
    stored,
    duplicates: Number(dupRows[0]!.n),
    lost: lost.length,
    twice: twice.length,
    neverProcessed: neverProcessed.length,
    completed: Number(c.ok),
    timeline: Number(c.activities),
  };
}
