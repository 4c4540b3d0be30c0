// Fixed-window counters in PostgreSQL (table rate_limit), so every app instance shares them and a
// restart forgets nothing. One statement per hit: an upsert that starts a new window when the old
// one has passed. Times come from the database clock, the same for every instance.
import "server-only";
import { db } from "../db";

export interface RateRule {
  limit: number;
  windowSeconds: number;
}

export interface RateState {
  count: number;
  /** Seconds until the window resets (at least 1). */
  retryAfter: number;
  exceeded: boolean;
}

type Row = { count: number; retry_after: number };

const state = (row: Row | undefined, rule: RateRule): RateState => {
  const count = row?.count ?? 0;
  return { count, retryAfter: Math.max(1, Math.ceil(row?.retry_after ?? rule.windowSeconds)), exceeded: count >= rule.limit };
};

/** Counts one more event on `key` and returns the window's state after it. */
export async function hit(key: string, rule: RateRule): Promise<RateState> {
  const rows = await db.$queryRaw<Row[]>`
    INSERT INTO rate_limit (key, count, "windowStart") VALUES (${key}, 1, now() AT TIME ZONE 'UTC')
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit."windowStart" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${rule.windowSeconds})
                   THEN 1 ELSE rate_limit.count + 1 END,
      "windowStart" = CASE WHEN rate_limit."windowStart" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${rule.windowSeconds})
                           THEN now() AT TIME ZONE 'UTC' ELSE rate_limit."windowStart" END
    RETURNING count,
      EXTRACT(EPOCH FROM ("windowStart" + make_interval(secs => ${rule.windowSeconds})
        - (now() AT TIME ZONE 'UTC')))::float8 AS retry_after`;
  const s = state(rows[0], rule);
  // Over the limit already means this hit is one too many.
  return { ...s, exceeded: s.count > rule.limit };
}

/** The window's state without counting (count 0 once the window has passed). */
export async function peek(key: string, rule: RateRule): Promise<RateState> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT count,
      EXTRACT(EPOCH FROM ("windowStart" + make_interval(secs => ${rule.windowSeconds}) - (now() AT TIME ZONE 'UTC')))::float8 AS retry_after
    FROM rate_limit WHERE key = ${key} AND "windowStart" > (now() AT TIME ZONE 'UTC') - make_interval(secs => ${rule.windowSeconds})`;
  return state(rows[0], rule);
}

export async function reset(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/** Drops windows that ended more than a day ago (the retention job). */
export async function pruneRateLimits(): Promise<number> {
  return db.$executeRaw`DELETE FROM rate_limit WHERE "windowStart" < (now() AT TIME ZONE 'UTC') - interval '1 day'`;
}

/** "2 minutes", "45 seconds": for messages that say how long to wait. */
export function waitText(seconds: number): string {
  if (seconds >= 90) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minutes`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}
