// Scheduled and queued background work, started once per app instance from instrumentation.ts.
// pg-boss keeps the schedule and the jobs in PostgreSQL: N instances share it and each job runs
// once. What runs:
// - webhook.retry-sweep: deliveries stored but not processed (the database went away mid-request)
//   are processed again; the job re-queues itself every few seconds (a stately queue keeps one
//   waiting), and a one-minute cron restarts the chain should it ever break.
// - retention.purge (hourly): raw webhook and lead-delivery bodies past WEBHOOK_RETENTION_DAYS,
//   old rate-limit windows, Idempotency-Key answers past 24 h,
//   recordings past the compliance setting's retention (their addresses deleted).
// - reconcile.run: a "Sync calls" run an admin started.
// - reconcile.nightly (01:30 IST): yesterday's calls from Smartflo's call records, when credentials exist.
// - live.prune (every minute): live stream events past the backlog (15 minutes).
// - dialer.settle (every minute): dialer offers whose calls ended are settled (campaign attempts
//   counted), and campaign leads claimed by an agent who left are given back.
// - call.lookup-sweep: the Smartflo ids of calls started in the last 20 s that have none yet, from
//   /live_calls (one request a sweep, for every agent: Smartflo allows ~3 a second), every second
//   (re-queued; a one-minute cron restarts the chain).
// - webhook.dispatch: outgoing webhook deliveries due now are sent (lib/outbound/dispatch.ts), for up
//   to 20 s a run; the job re-queues itself a second later (stately: one waiting), and a one-minute
//   cron restarts the chain should it break. Any number of app servers share the work (SKIP LOCKED).
// - connector.meta-lead (queued by a Meta notification): the lead's answers from the Graph API,
//   retried with back-off (about 8 hours) on token errors, throttling and outages.
// - connector.meta-backfill (every 15 minutes, or "Sync now"): every form's leads since the last one.
// - connector.indiamart-pull: IndiaMART's CRM listing, re-queued every few seconds; each run claims
//   the next slot in the database, so the pull interval holds across any number of app servers.
// - speed.sweep: the first-response clock's reminders and escalations (lib/speed/sweep.ts), every few
//   seconds (re-queued; a one-minute cron restarts the chain); each step is claimed exactly once.
// - stats.fold: call changes into the dashboard's rollups (lib/dashboard/rollup.ts), every few seconds
//   (re-queued; a one-minute cron restarts the chain); readers fold too, so this only keeps the backlog short.
import "server-only";
import type PgBoss from "pg-boss";
import { pruneIdempotentRequests } from "../api/idempotency";
import { LOOKUP_EVERY_SECONDS, lookupSweep } from "../calls/lookup";
import { purgeOldRecordings } from "../compliance/retention";
import { pull as indiamartPull } from "../connectors/indiamart";
import { fetchLead as fetchMetaLead, backfill as metaBackfill } from "../connectors/meta";
import { foldCallStats } from "../dashboard/rollup";
import { settleAbandonedOffers } from "../dialer/offers";
import { pruneRateLimits } from "../http/rate-limit";
import { pruneLiveEvents } from "../live/prune";
import { logger } from "../log";
import { drainOutbox, pruneOutbox } from "../outbound/dispatch";
import { smartfloConfigured } from "../smartflo";
import { runNightlyReconcile, runReconcile } from "../smartflo/reconcile";
import { sweepFirstResponses } from "../speed/sweep";
import { purgeOldLeadDeliveries, purgeOldWebhookBodies } from "../webhooks/retention";
import { retryStalledWebhookEvents } from "../webhooks/retry";
import { JOBS, startJobQueue, stopJobQueue } from "./queue";

export { enqueue, JOBS } from "./queue";

const SWEEP_EVERY_SECONDS = 5;
const DISPATCH_EVERY_SECONDS = 1;
const INDIAMART_CHECK_EVERY_SECONDS = 5;
const SPEED_SWEEP_EVERY_SECONDS = 5;
const STATS_FOLD_EVERY_SECONDS = 3;

async function timed<T>(job: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    const result = await work();
    logger.debug({ job, ms: Date.now() - started, result }, "job done");
    return result;
  } catch (error) {
    logger.error({ job, ms: Date.now() - started, err: error }, "job failed");
    throw error;
  }
}

/**
 * The sweeps' and per-minute jobs' expiry: a run held by a server that died ends this long after it
 * started (at pg-boss's next maintenance, every 30 s, lib/jobs/queue.ts), and the next can run.
 * Each run is short (a bounded batch; the outbox drain stops after 20 s).
 */
const SWEEP_EXPIRE_SECONDS = 60;

/** A queue as configured here: made if missing, and its options brought up to date if not. */
async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, "name">) {
  await boss.createQueue(name, { name, ...options });
  await boss.updateQueue(name, { name, ...options });
}

/** How long a finished run keeps trying to record its end (and queue the next) while the database is away. */
const SETTLE_FOR_MS = 90_000;

/** Tries `step` until it works or `SETTLE_FOR_MS` has passed: the database may be restarting. */
async function untilItWorks<T>(what: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (Date.now() - started > SETTLE_FOR_MS) throw error;
      logger.warn({ err: error, attempt }, `job queue: ${what} failed, trying again`);
      await new Promise((r) => setTimeout(r, Math.min(attempt * 500, 5000)));
    }
  }
}

/**
 * A scheduled job's worker that records the run's end itself, waiting out a database restart.
 * pg-boss tries a job's completion once, without waiting for it: lost to a restart, the job stays
 * active until it expires, and its stately queue runs nothing else meanwhile. `after` runs once the
 * end is recorded or not (a self-re-queuing chain's next run).
 */
async function workScheduled(
  boss: PgBoss,
  name: string,
  pollingIntervalSeconds: number,
  work: () => Promise<unknown>,
  after?: () => Promise<unknown>,
) {
  await boss.work(name, { pollingIntervalSeconds }, async ([job]) => {
    // The run's end as it was (done, or failed): a completion that cannot be recorded is never recorded as a failure.
    let end: () => Promise<unknown>;
    try {
      const result = await timed(name, work);
      end = () => boss.complete(name, job!.id, result ?? undefined);
    } catch (error) {
      end = () => boss.fail(name, job!.id, error as object);
    }
    await untilItWorks(`recording ${name}'s end`, end).catch(() => {});
    if (after) await untilItWorks(`queueing ${name}'s next run`, after);
  });
}

/**
 * A job that runs again `everySeconds` after each run ends, however it ended: it re-queues itself on
 * its stately queue (one waiting), and its one-minute cron restarts the chain should it ever break.
 */
async function workEvery(boss: PgBoss, name: string, everySeconds: number, work: () => Promise<unknown>, pollingIntervalSeconds = 1) {
  await workScheduled(boss, name, pollingIntervalSeconds, work, () => boss.sendAfter(name, {}, {}, everySeconds));
}

export async function startBackgroundJobs(): Promise<PgBoss> {
  const boss = await startJobQueue();
  await ensureQueue(boss, JOBS.webhookRetrySweep, { policy: "stately", retryLimit: 0, expireInSeconds: SWEEP_EXPIRE_SECONDS });
  await ensureQueue(boss, JOBS.retentionPurge, { policy: "stately", retryLimit: 2, expireInSeconds: 3600 });
  await ensureQueue(boss, JOBS.reconcileRun, { policy: "standard", retryLimit: 0, expireInSeconds: 6 * 3600 });
  await ensureQueue(boss, JOBS.reconcileNightly, {
    policy: "stately",
    retryLimit: 3,
    retryDelay: 600,
    expireInSeconds: 6 * 3600,
  });

  await ensureQueue(boss, JOBS.livePrune, { policy: "stately", retryLimit: 0, expireInSeconds: SWEEP_EXPIRE_SECONDS });
  await ensureQueue(boss, JOBS.dialerSettle, { policy: "stately", retryLimit: 0, expireInSeconds: SWEEP_EXPIRE_SECONDS });

  await workEvery(boss, JOBS.webhookRetrySweep, SWEEP_EVERY_SECONDS, () => retryStalledWebhookEvents());
  await boss.work(JOBS.retentionPurge, async () =>
    timed(JOBS.retentionPurge, async () => ({
      webhookBodies: await purgeOldWebhookBodies(),
      leadDeliveryBodies: await purgeOldLeadDeliveries(),
      rateLimitWindows: await pruneRateLimits(),
      idempotentAnswers: await pruneIdempotentRequests(),
      outgoingWebhookEvents: await pruneOutbox(),
      recordings: await purgeOldRecordings(),
    })),
  );
  await boss.work<{ runId: string }>(JOBS.reconcileRun, async ([job]) => timed(JOBS.reconcileRun, () => runReconcile(job!.data.runId)));
  await boss.work(JOBS.reconcileNightly, async () =>
    timed(JOBS.reconcileNightly, () => (smartfloConfigured() ? runNightlyReconcile() : Promise.resolve(null))),
  );

  // The Smartflo ids of calls just started (lib/calls/lookup.ts), every second.
  await ensureQueue(boss, JOBS.callLookupSweep, { policy: "stately", retryLimit: 0, expireInSeconds: SWEEP_EXPIRE_SECONDS });
  await workEvery(boss, JOBS.callLookupSweep, LOOKUP_EVERY_SECONDS, () => lookupSweep(), 0.5);

  await ensureQueue(boss, JOBS.webhookDispatch, { policy: "stately", retryLimit: 0, expireInSeconds: SWEEP_EXPIRE_SECONDS });
  await workEvery(boss, JOBS.webhookDispatch, DISPATCH_EVERY_SECONDS, () => drainOutbox({ forMs: 20_000 }), 0.5);

  await ensureQueue(boss, JOBS.metaLead, {
    policy: "standard",
    retryLimit: 10,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 120,
  });
  await boss.work<{ deliveryId: string }>(JOBS.metaLead, { pollingIntervalSeconds: 0.5, batchSize: 5 }, async (jobs) => {
    await Promise.all(jobs.map(({ data }) => timed(JOBS.metaLead, () => fetchMetaLead(data.deliveryId))));
  });
  await ensureQueue(boss, JOBS.metaBackfill, { policy: "stately", retryLimit: 0, expireInSeconds: 900 });
  await boss.work(JOBS.metaBackfill, async () => timed(JOBS.metaBackfill, () => metaBackfill()));
  await ensureQueue(boss, JOBS.indiamartPull, { policy: "stately", retryLimit: 0, expireInSeconds: 300 });
  await workEvery(boss, JOBS.indiamartPull, INDIAMART_CHECK_EVERY_SECONDS, () => indiamartPull());

  await ensureQueue(boss, JOBS.speedSweep, { policy: "stately", retryLimit: 0, expireInSeconds: SWEEP_EXPIRE_SECONDS });
  await workEvery(boss, JOBS.speedSweep, SPEED_SWEEP_EVERY_SECONDS, () => sweepFirstResponses());

  await ensureQueue(boss, JOBS.statsFold, { policy: "stately", retryLimit: 0, expireInSeconds: SWEEP_EXPIRE_SECONDS });
  await workEvery(boss, JOBS.statsFold, STATS_FOLD_EVERY_SECONDS, () => foldCallStats());

  await workScheduled(boss, JOBS.livePrune, 2, () => pruneLiveEvents());
  await workScheduled(boss, JOBS.dialerSettle, 2, () => settleAbandonedOffers());

  await boss.schedule(JOBS.webhookRetrySweep, "* * * * *");
  await boss.schedule(JOBS.livePrune, "* * * * *");
  await boss.schedule(JOBS.webhookDispatch, "* * * * *");
  await boss.schedule(JOBS.dialerSettle, "* * * * *");
  await boss.schedule(JOBS.indiamartPull, "* * * * *");
  await boss.schedule(JOBS.speedSweep, "* * * * *");
  await boss.schedule(JOBS.statsFold, "* * * * *");
  await boss.schedule(JOBS.callLookupSweep, "* * * * *");
  await boss.schedule(JOBS.metaBackfill, "*/15 * * * *");
  await boss.schedule(JOBS.retentionPurge, "17 * * * *");
  await boss.schedule(JOBS.reconcileNightly, "30 1 * * *", {}, { tz: "Asia/Kolkata" });
  await boss.send(JOBS.webhookRetrySweep, {});
  await boss.send(JOBS.webhookDispatch, {});
  await boss.send(JOBS.indiamartPull, {});
  await boss.send(JOBS.speedSweep, {});
  await boss.send(JOBS.statsFold, {});
  await boss.send(JOBS.callLookupSweep, {});
  logger.info({ queues: Object.values(JOBS) }, "background jobs started");
  return boss;
}

/** How long after a failed start the background jobs are tried again. */
const START_RETRY_MS = 5000;

/**
 * Starts the background jobs; when that fails, tries again from scratch every few seconds until it
 * works (resolves after the first attempt either way). Two servers starting together on one database
 * can deadlock in pg-boss's queue set-up (each queue is a partition created by DDL), and a server may
 * start while PostgreSQL is down: without this, that server would never run a job.
 */
export async function startBackgroundJobsWithRetry(): Promise<void> {
  try {
    await startBackgroundJobs();
  } catch (error) {
    logger.error({ err: error, retryMs: START_RETRY_MS }, "background jobs did not start; trying again");
    void stopJobQueue()
      .catch(() => {})
      .then(() => setTimeout(() => void startBackgroundJobsWithRetry(), START_RETRY_MS).unref());
  }
}
