// The background job queue: pg-boss on the app's own PostgreSQL (its tables in schema "pgboss"),
// so every app instance shares one schedule and each job runs once, wherever it is picked up. On
// the embedded PGlite the same code runs through PGlite's single connection.
import "server-only";
import PgBoss from "pg-boss";
import { database } from "../db";
import { logger } from "../log";

const g = globalThis as typeof globalThis & { __crmJobQueue?: Promise<PgBoss> | null };

/** pg-boss over the embedded database: parameterless scripts may hold several statements. */
function pgliteDb(pglite: NonNullable<ReturnType<typeof database>["pglite"]>): PgBoss.Db {
  return {
    async executeSql(text, values) {
      if (!values || values.length === 0) {
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      return pglite.query(text, values);
    },
  };
}

function createQueue(): PgBoss {
  const handle = database();
  // Maintenance (expiring runs left by a server that died, archiving) every 30 s instead of 2 min.
  const common = {
    schema: "pgboss",
    application_name: "smartflo-crm-jobs",
    archiveCompletedAfterSeconds: 3600,
    deleteAfterDays: 7,
    maintenanceIntervalSeconds: 30,
  };
  const boss = handle.pglite
    ? new PgBoss({ ...common, db: pgliteDb(handle.pglite) })
    : new PgBoss({ ...common, connectionString: handle.databaseUrl!, max: 3 });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  return boss;
}

/** Starts this process's queue (once): installs or migrates pg-boss's tables on first use. */
export function startJobQueue(): Promise<PgBoss> {
  g.__crmJobQueue ??= createQueue()
    .start()
    .catch((error: unknown) => {
      g.__crmJobQueue = null;
      throw error;
    });
  return g.__crmJobQueue;
}

/** The running queue, or null when this process has none (tests, scripts). */
export async function runningJobQueue(): Promise<PgBoss | null> {
  return (await g.__crmJobQueue?.catch(() => null)) ?? null;
}

export async function stopJobQueue(): Promise<void> {
  const boss = await runningJobQueue();
  g.__crmJobQueue = null;
  await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
}

/** The queues' names (lib/jobs/index.ts says what each runs). */
export const JOBS = {
  webhookRetrySweep: "webhook.retry-sweep",
  retentionPurge: "retention.purge",
  reconcileRun: "reconcile.run",
  reconcileNightly: "reconcile.nightly",
  livePrune: "live.prune",
  dialerSettle: "dialer.settle",
  callLookupSweep: "call.lookup-sweep",
  webhookDispatch: "webhook.dispatch",
  metaLead: "connector.meta-lead",
  metaBackfill: "connector.meta-backfill",
  indiamartPull: "connector.indiamart-pull",
  speedSweep: "speed.sweep",
  statsFold: "stats.fold",
} as const;

/** Queues a job when this process runs the queue; false otherwise (the caller runs the work itself). */
export async function enqueue(name: (typeof JOBS)[keyof typeof JOBS], data: object): Promise<boolean> {
  const boss = await runningJobQueue();
  if (!boss) return false;
  return (await boss.send(name, data)) !== null;
}
