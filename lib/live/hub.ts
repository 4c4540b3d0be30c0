// This process's end of the live stream: one LISTEN crm_live connection (a pg client of its own on
// PostgreSQL, PGlite's listen on the embedded database), the notified ids gathered for a few
// milliseconds, their rows and records read once, and handed to every open stream here. Nothing
// shared lives here: the rows are in PostgreSQL, so every app server hears every change.
import "server-only";
import pg from "pg";
import { database } from "../db";
import { logger } from "../log";
import { emptyBatch, type LiveBatch, loadBatch } from "./payloads";

export type Listener = (batch: LiveBatch) => void;

/** How long notified ids gather before one read (ms): bursts share one query. */
const GATHER_MS = 5;
/** After a failed read of notified events, how long before reading them again (ms). */
const FLUSH_RETRY_MS = 500;
/** A read of notified events that has not answered in this long is given up and made again (ms). */
const READ_TIMEOUT_MS = 15_000;
/** After a lost LISTEN connection, events this far back are read again (the stream drops repeats). */
const CATCH_UP_OVERLAP_MS = 2000;
/**
 * Most events read in one go, oldest first; the rest wait for the next read. A catch-up after an
 * outage holds every event since (tens of thousands on a busy floor): each read stays small.
 */
export const READ_MAX = 2000;

class LiveHub {
  private listeners = new Set<Listener>();
  private pending = new Set<bigint>();
  private deliveries = false;
  private timer: NodeJS.Timeout | null = null;
  private reading = false;
  private client: pg.Client | null = null;
  private started: Promise<void> | null = null;
  private stopped = false;
  private lastHeardAt = new Date();
  private retryMs = 500;
  /** Whether LISTEN is up (health, tests). */
  connected = false;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    void this.start();
    return () => this.listeners.delete(listener);
  }

  get size() {
    return this.listeners.size;
  }

  /** Starts listening (once); resolves when LISTEN is in place. */
  start(): Promise<void> {
    this.started ??= this.connect();
    return this.started;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.client?.end().catch(() => {});
    this.client = null;
    this.connected = false;
  }

  private async connect(): Promise<void> {
    const handle = database();
    if (handle.pglite) {
      await handle.pglite.listen("crm_live", (payload) => this.heard(payload));
      this.connected = true;
      return;
    }
    await this.connectPostgres(handle.databaseUrl!);
  }

  private async connectPostgres(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url, application_name: "smartflo-crm-live" });
    client.on("notification", (n) => {
      if (n.channel === "crm_live" && n.payload) this.heard(n.payload);
    });
    const lost = (error?: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      this.connected = false;
      if (this.stopped) return;
      logger.warn({ err: error }, "live stream: LISTEN connection lost, reconnecting");
      setTimeout(() => void this.reconnect(url), this.retryMs).unref();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    await client.connect();
    await client.query("LISTEN crm_live");
    this.client = client;
    this.connected = true;
    this.retryMs = 500;
  }

  private async reconnect(url: string) {
    const since = new Date(this.lastHeardAt.getTime() - CATCH_UP_OVERLAP_MS);
    try {
      await this.connectPostgres(url);
    } catch (error) {
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
      logger.warn({ err: error, retryMs: this.retryMs }, "live stream: reconnect failed");
      setTimeout(() => void this.reconnect(url), this.retryMs).unref();
      return;
    }
    // What was committed while we were not listening (the pool may still be reconnecting: try again until it reads).
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        const missed = await database().db.liveEvent.findMany({ where: { at: { gte: since } }, select: { id: true } });
        for (const { id } of missed) this.pending.add(id);
        break;
      } catch (error) {
        logger.warn({ err: error, attempt }, "live stream: catch-up read failed, trying again");
        await new Promise((r) => setTimeout(r, Math.min(attempt * 500, 5000)));
      }
    }
    this.schedule();
  }

  private heard(payload: string) {
    if (payload === "delivery") {
      this.deliveries = true;
      return this.schedule();
    }
    if (!/^\d+$/.test(payload)) return;
    this.lastHeardAt = new Date();
    this.pending.add(BigInt(payload));
    this.schedule();
  }

  private schedule() {
    if (this.timer || this.reading || (this.pending.size === 0 && !this.deliveries)) return;
    this.timer = setTimeout(() => void this.flush(), GATHER_MS);
  }

  /** One read at a time, oldest events first: what is heard meanwhile gathers for the next. */
  private async flush() {
    this.timer = null;
    const ids = [...this.pending].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, READ_MAX);
    const deliveries = this.deliveries;
    for (const id of ids) this.pending.delete(id);
    this.deliveries = false;
    if (this.listeners.size > 0) {
      this.reading = true;
      try {
        const batch = { ...(ids.length ? await withinTime(loadBatch(ids), READ_TIMEOUT_MS) : emptyBatch()), deliveries };
        for (const listener of this.listeners) listener(batch);
      } catch (error) {
        // The database went away between the notification and the read (or a pooled connection it
        // left behind hangs): keep the ids and read them again.
        logger.error({ err: error, events: ids.length }, "live stream: could not read notified events, trying again");
        for (const id of ids) this.pending.add(id);
        this.deliveries ||= deliveries;
        this.timer = setTimeout(() => void this.flush(), FLUSH_RETRY_MS);
        return;
      } finally {
        this.reading = false;
      }
    }
    this.schedule();
  }
}

/** `work`'s answer, or a rejection once `ms` have passed without one. */
function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const g = globalThis as typeof globalThis & { __crmLiveHub?: LiveHub };

export function liveHub(): LiveHub {
  g.__crmLiveHub ??= new LiveHub();
  return g.__crmLiveHub;
}

export async function stopLiveHub(): Promise<void> {
  await g.__crmLiveHub?.stop();
  g.__crmLiveHub = undefined;
}
