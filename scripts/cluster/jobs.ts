// The job queue's scheduled work across the two servers, read from pg-boss's own tables
// (pgboss.job and pgboss.archive): each per-minute cron slot ran exactly once, and the sweeps that
// re-queue themselves every few seconds never ran twice at once, never ran a job twice, and never
// stopped for long while a server and the database were up (lib/jobs/index.ts sets them up).
import pg from "pg";

/** Per-minute crons (lib/jobs: live.prune, dialer.settle) and self-re-queueing sweeps (every 1–5 s). */
export const MINUTE_CRONS = ["live.prune", "dialer.settle"];
export const SWEEPS = [
  "webhook.retry-sweep",
  "speed.sweep",
  "connector.indiamart-pull",
  "webhook.dispatch",
  "stats.fold",
  "call.lookup-sweep",
];
/** A sweep's longest allowed pause with a server and the database up: its period, polling, and slack for a loaded machine. */
const SWEEP_MAX_GAP_MS = 30_000;
/**
 * More allowed across an outage (the database restarted, or the server holding the sweep's run was
 * killed): that run ends when it expires (60 s, lib/jobs) at pg-boss's next maintenance (every 30 s).
 */
const OUTAGE_EXTRA_MS = 90_000;

interface JobRow {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  singleton_key: string | null;
  singleton_on: Date | null;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
}

export interface JobCheck {
  ok: boolean;
  slots: number;
  runs: number;
  problems: string[];
}

/**
 * `from`/`to`: the window both servers were started in and the burst's end; `outages`: when the
 * database was down or a server was killed (a sweep may pause through them).
 */
export async function checkScheduledJobs(
  databaseUrl: string,
  window: { from: number; to: number },
  outages: { from: number; to: number }[],
): Promise<JobCheck> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  // singleton_on is a UTC time without a zone (pg-boss computes it from the epoch).
  const cols = `id, name, state, retry_count, singleton_key, (singleton_on AT TIME ZONE 'UTC') AS singleton_on,
                created_on, started_on, completed_on`;
  const names = [...MINUTE_CRONS, ...SWEEPS, "__pgboss__send-it"];
  const { rows } = await db.query<JobRow>(
    `SELECT ${cols} FROM pgboss.job WHERE name = ANY($1) UNION ALL SELECT ${cols} FROM pgboss.archive WHERE name = ANY($1)`,
    [names],
  );
  await db.end();
  const problems: string[] = [];
  let slots = 0;
  let runs = 0;
  const iso = (d: Date | number) => new Date(d).toISOString().slice(11, 19);
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
  for (const [id, n] of seen) if (n > 1) problems.push(`job ${id} is in pgboss.job and pgboss.archive ${n} times`);

  // Crons: one send-it job per minute slot and queue (pg-boss's singleton), each producing one job that ran once.
  for (const name of MINUTE_CRONS) {
    const allSendIts = rows
      .filter((r) => r.name === "__pgboss__send-it" && r.singleton_key === name && r.singleton_on)
      .sort((a, b) => a.singleton_on!.getTime() - b.singleton_on!.getTime());
    const inWindow = (r: JobRow) => r.singleton_on!.getTime() >= window.from && r.singleton_on!.getTime() + 60_000 <= window.to;
    const sendIts = allSendIts.filter(inWindow);
    const jobs = rows
      .filter((r) => r.name === name && r.created_on.getTime() >= window.from && r.created_on.getTime() <= window.to + 60_000)
      .sort((a, b) => a.created_on.getTime() - b.created_on.getTime());
    const minutes = sendIts.map((r) => r.singleton_on!.getTime());
    if (new Set(minutes).size !== minutes.length) problems.push(`${name}: a minute slot was scheduled twice`);
    const first = Math.ceil(window.from / 60_000) * 60_000;
    for (let m = first; m + 60_000 <= window.to; m += 60_000) {
      slots++;
      const inSlot = minutes.filter((t) => t === m).length;
      if (inSlot !== 1) problems.push(`${name}: the ${iso(m)} slot was scheduled ${inSlot} times`);
    }
    // Each slot's send-it job inserts the cron's job (created as it completes): exactly one per slot, run once.
    // Slots before the window are matched too (not checked): on a loaded machine the slot scheduled as
    // the servers started can be worked a few seconds into the window, and its job is created then.
    const matched = new Set<JobRow>();
    for (const sendIt of allSendIts) {
      const done = sendIt.completed_on?.getTime();
      const job = jobs.find((j) => !matched.has(j) && done !== undefined && Math.abs(j.created_on.getTime() - done) < 5000);
      if (!inWindow(sendIt)) {
        if (job) matched.add(job);
        continue;
      }
      if (!job) {
        problems.push(`${name}: the ${iso(sendIt.singleton_on!)} slot created no job (send-it ${sendIt.state})`);
        continue;
      }
      matched.add(job);
      runs++;
      if (job.state !== "completed") problems.push(`${name}: the ${iso(sendIt.singleton_on!)} slot's job ended ${job.state}`);
      if (job.retry_count > 0) problems.push(`${name}: the ${iso(sendIt.singleton_on!)} slot's job ran ${job.retry_count + 1} times`);
    }
    const firstSlot = minutes[0] ?? Infinity;
    const lastSlot = (minutes.at(-1) ?? -Infinity) + 60_000;
    for (const job of jobs)
      if (!matched.has(job) && job.created_on.getTime() >= firstSlot && job.created_on.getTime() < lastSlot)
        problems.push(`${name}: a job created ${iso(job.created_on)} belongs to no slot (scheduled twice?)`);
  }

  // Sweeps: one run at a time, each job once, and no long pause outside the database's outages.
  for (const name of SWEEPS) {
    const jobs = rows
      .filter((r) => r.name === name && r.started_on && r.started_on.getTime() >= window.from && r.started_on.getTime() <= window.to)
      .sort((a, b) => a.started_on!.getTime() - b.started_on!.getTime());
    runs += jobs.length;
    for (const job of jobs) {
      if (job.retry_count > 0) problems.push(`${name}: job started ${iso(job.started_on!)} ran ${job.retry_count + 1} times`);
    }
    for (let i = 1; i < jobs.length; i++) {
      const prev = jobs[i - 1]!;
      const next = jobs[i]!;
      if (prev.completed_on && next.started_on! < prev.completed_on)
        problems.push(`${name}: runs overlapped (${iso(prev.started_on!)}–${iso(prev.completed_on)} and ${iso(next.started_on!)})`);
      const gapFrom = prev.started_on!.getTime();
      const gapTo = next.started_on!.getTime();
      const excused = outages.some((o) => o.from < gapTo && o.to > gapFrom);
      const allowed = SWEEP_MAX_GAP_MS + (excused ? OUTAGE_EXTRA_MS : 0);
      if (gapTo - gapFrom > allowed)
        problems.push(`${name}: no run for ${Math.round((gapTo - gapFrom) / 1000)} s after ${iso(gapFrom)} (${prev.state})`);
    }
    const last = jobs.at(-1);
    if (!last) problems.push(`${name}: never ran`);
    else if (window.to - last.started_on!.getTime() > SWEEP_MAX_GAP_MS + 30_000)
      problems.push(`${name}: stopped after ${iso(last.started_on!)} (${last.state})`);
    slots += jobs.length;
  }
  return { ok: problems.length === 0, slots, runs, problems };
}
