// The app server's end of the live stream: every notified event reaches the listeners, however many
// arrive at once, and what was committed while LISTEN was down is read after it is back.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { database, db } from "@/lib/db";
import { liveHub, READ_MAX, stopLiveHub } from "@/lib/live/hub";

afterAll(() => stopLiveHub());

/** Emits `count` live events (distinct records) in one transaction, as a big import or a catch-up would. */
async function emit(count: number, tag: string): Promise<Set<bigint>> {
  await db.$executeRawUnsafe(`SELECT crm_live_emit('lead', $1 || g, ARRAY[$1]) FROM generate_series(1, ${count}) g`, tag);
  const rows = await db.liveEvent.findMany({ where: { userIds: { has: tag } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

/** The ids the hub hands its listeners, until `stop`. */
function hear() {
  const heard = new Set<bigint>();
  const stop = liveHub().subscribe((batch) => {
    for (const e of batch.events) heard.add(e.id);
  });
  return { heard, stop };
}

async function until(done: () => boolean, ms = 25_000) {
  for (const deadline = Date.now() + ms; !done() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
}

describe("live hub", () => {
  it("hands on every event of a transaction that notifies more than one read takes", async () => {
    const { heard, stop } = hear();
    try {
      await liveHub().start();
      const tag = `hub-${randomUUID()}`;
      const ids = await emit(READ_MAX * 3 + 7, tag);
      expect(ids.size).toBe(READ_MAX * 3 + 7);
      await until(() => [...ids].every((id) => heard.has(id)));
      expect([...ids].filter((id) => !heard.has(id))).toEqual([]);
    } finally {
      stop();
    }
  });

  it.runIf(!database().pglite)("reads what was committed while its LISTEN connection was down", async () => {
    const { heard, stop } = hear();
    try {
      await liveHub().start();
      // Cut this worker's LISTEN connection (its own database: no other worker's hub is touched).
      const cut = await db.$queryRawUnsafe<{ ok: boolean }[]>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
         WHERE application_name = 'smartflo-crm-live' AND datname = current_database()`,
      );
      expect(cut.length).toBeGreaterThan(0);
      const tag = `hub-${randomUUID()}`;
      const ids = await emit(READ_MAX * 3, tag); // committed before the hub is listening again
      await until(() => [...ids].every((id) => heard.has(id)));
      expect([...ids].filter((id) => !heard.has(id))).toEqual([]);
      expect(liveHub().connected).toBe(true);
    } finally {
      stop();
    }
  });
});
