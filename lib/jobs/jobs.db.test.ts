// The job queue on the test's own database (PGlite, and PostgreSQL when configured): the schedule
// every instance shares, the retry sweep picking up a stalled delivery by itself, outgoing webhooks
// sent by their job, a queued Sync
// calls run, and /api/health reporting the queue.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/health/route";
import { makeLead } from "@/scripts/test/factories";
import { until as waitUntil } from "@/scripts/test/simulated-smartflo";
import { db } from "../db";
import { env } from "../env";
import { seal } from "../outbound/secret-box";
import { newWebhookSecret } from "../outbound/sign";
import { resetSmartfloClient } from "../smartflo";
import { enqueue, JOBS, startBackgroundJobs } from "./index";
import { stopJobQueue } from "./queue";

const until = <T>(fn: () => Promise<T>, ok: (v: T) => boolean) => waitUntil(fn, ok, 20_000, 200);

describe("background jobs", () => {
  const saved = { ...env };
  beforeAll(async () => {
    // No Smartflo in these tests, whatever an earlier test file in this worker configured.
    Object.assign(env, {
      SMARTFLO_API_TOKEN: undefined,
      SMARTFLO_EMAIL: undefined,
      SMARTFLO_PASSWORD: undefined,
      SMARTFLO_SIMULATOR: undefined,
    });
    resetSmartfloClient();
    await startBackgroundJobs();
  }, 60_000);
  afterAll(async () => {
    await stopJobQueue();
    Object.assign(env, saved);
    resetSmartfloClient();
  });

  it("keeps one schedule in the database for every instance", async () => {
    const rows = await db.$queryRaw<
      { name: string; cron: string; timezone: string | null }[]
    >`SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name`;
    expect(rows.map((r) => r.name)).toEqual(
      [
        JOBS.callLookupSweep,
        JOBS.dialerSettle,
        JOBS.indiamartPull,
        JOBS.livePrune,
        JOBS.metaBackfill,
        JOBS.reconcileNightly,
        JOBS.retentionPurge,
        JOBS.speedSweep,
        JOBS.statsFold,
        JOBS.webhookDispatch,
        JOBS.webhookRetrySweep,
      ].sort(),
    );
    expect(rows.find((r) => r.name === JOBS.reconcileNightly)).toMatchObject({ cron: "30 1 * * *", timezone: "Asia/Kolkata" });
    // A second start (another instance, a restart) changes nothing.
    await startBackgroundJobs();
    expect(await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.schedule`).toEqual([{ n: 11n }]);
  });

  it("processes a stalled delivery on its own (no request needed)", async () => {
    const id = randomUUID();
    await db.webhookEvent.create({
      data: {
        id,
        method: "POST",
        headers: {},
        query: {},
        payload: { call_id: "1.1", direction: "outbound" },
        receivedAt: new Date(Date.now() - 60_000),
      },
    });
    const done = await until(
      () => db.webhookEvent.findUniqueOrThrow({ where: { id } }),
      (e) => e.status !== "RECEIVED",
    );
    expect(done.status).toBe("UNMATCHED");
  }, 30_000);

  it("sends outgoing webhook deliveries on its own (the webhook.dispatch job)", async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      received.push(String(req.headers["webhook-id"]));
      res.writeHead(200).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const endpoint = await db.webhookEndpoint.create({
        data: {
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
          events: ["lead.created"],
          secretSealed: seal(newWebhookSecret()),
        },
      });
      await makeLead({});
      const delivery = await until(
        () => db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } }),
        (d) => d.status === "DELIVERED",
      );
      expect(received).toContain(delivery.eventId);
    } finally {
      await db.webhookEndpoint.deleteMany({});
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 30_000);

  it("runs a queued Sync calls run", async () => {
    const run = await db.reconcileRun.create({ data: { fromDate: new Date(Date.now() - 3600_000), toDate: new Date() } });
    expect(await enqueue(JOBS.reconcileRun, { runId: run.id })).toBe(true);
    // No Smartflo credentials in the test environment: the run fails, and says why.
    const finished = await until(
      () => db.reconcileRun.findUniqueOrThrow({ where: { id: run.id } }),
      (r) => r.status !== "RUNNING",
    );
    expect(finished).toMatchObject({ status: "FAILED", error: expect.stringMatching(/not configured/) });
  }, 30_000);

  it("/api/health: 200 while the database, the schema and the queue are fine; 503 naming what is not", async () => {
    const ok = await healthRoute.GET();
    const body = await ok.json();
    expect(ok.status).toBe(200);
    expect(body).toMatchObject({
      status: "ok",
      database: { ok: true },
      schema: { current: true },
      queue: { running: true },
      smartflo: { mode: "unconfigured" },
    });
    // A function the migrations should have made is missing (renamed away for the check): not current.
    await db.$executeRawUnsafe("ALTER FUNCTION crm_stage_rank(text) RENAME TO crm_stage_rank_away");
    try {
      const stale = await healthRoute.GET();
      expect(stale.status).toBe(503);
      expect((await stale.json()).schema).toMatchObject({ current: false, pendingFunctions: 1 });
    } finally {
      await db.$executeRawUnsafe("ALTER FUNCTION crm_stage_rank_away(text) RENAME TO crm_stage_rank");
    }
  });
});
