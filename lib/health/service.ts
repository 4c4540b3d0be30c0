// What a load balancer asks before sending traffic: is the database reachable, are the migrations
// and database functions current, is the job queue running. Smartflo's reachability is reported
// too, but never makes the instance unhealthy (calls fail over to 502s; webhooks still land).
import "server-only";
import { database, db } from "../db";
import { readDatabaseFunctions, readMigrations } from "../db/migration-files";
import { runningJobQueue } from "../jobs/queue";
import { smartflo, smartfloMode } from "../smartflo";

const SMARTFLO_CHECK_EVERY_MS = 60_000;
const g = globalThis as typeof globalThis & {
  __crmSmartfloHealth?: { at: number; result: Promise<{ reachable: boolean; ms: number; error?: string }> };
};

async function timed<T>(work: () => Promise<T>) {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

async function checkDatabase() {
  try {
    const { ms } = await timed(() => db.$queryRaw`SELECT 1`);
    return { ok: true, ms, kind: database().kind };
  } catch (error) {
    return {
      ok: false,
      kind: database().kind,
      error: error instanceof Error ? error.message.split("\n").at(-1)?.slice(0, 200) : "unreachable",
    };
  }
}

/** Migrations on disk the database has not applied, and functions of prisma/functions it lacks (counts, not names). */
async function checkSchema() {
  try {
    const [{ migrationDirectories }, files] = await Promise.all([readMigrations(), readDatabaseFunctions()]);
    const applied = await db.$queryRaw<
      { migration_name: string }[]
    >`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const present = await db.$queryRaw<{ name: string }[]>`
      SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()`;
    const done = new Set(applied.map((m) => m.migration_name));
    const have = new Set(present.map((f) => f.name));
    const pendingMigrations = migrationDirectories.filter((m) => !done.has(m.path)).length;
    const pendingFunctions = files.filter((f) => f.functions.some((fn) => !have.has(fn))).length;
    return { current: pendingMigrations === 0 && pendingFunctions === 0, pendingMigrations, pendingFunctions };
  } catch (error) {
    return { current: false, error: error instanceof Error ? error.message.slice(0, 200) : "cannot read" };
  }
}

/** Checked at most once a minute per instance: Smartflo allows about 3 requests a second per account. */
function checkSmartflo() {
  const mode = smartfloMode();
  if (mode === "unconfigured") return Promise.resolve({ mode, reachable: null as boolean | null });
  const cached = g.__crmSmartfloHealth;
  if (!cached || Date.now() - cached.at > SMARTFLO_CHECK_EVERY_MS) {
    const result = timed(() => smartflo().users()).then(
      ({ ms }) => ({ reachable: true, ms }),
      (error: unknown) => ({ reachable: false, ms: 0, error: error instanceof Error ? error.message.slice(0, 200) : "unreachable" }),
    );
    g.__crmSmartfloHealth = { at: Date.now(), result };
  }
  return g.__crmSmartfloHealth!.result.then((r) => ({ mode, ...r }));
}

export async function health() {
  const [database, schema, smartfloStatus, queue] = await Promise.all([checkDatabase(), checkSchema(), checkSmartflo(), runningJobQueue()]);
  const queueStatus = { running: queue !== null };
  const healthy = database.ok && schema.current && queueStatus.running;
  return { status: healthy ? ("ok" as const) : ("unavailable" as const), database, schema, queue: queueStatus, smartflo: smartfloStatus };
}
