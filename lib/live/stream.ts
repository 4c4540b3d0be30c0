// One browser tab's live stream (GET /api/v1/events): what it missed since Last-Event-ID, then
// every change in its viewer's scope as it happens, a heartbeat every 15 s, and the end when its
// session ends (sign-out, revocation, expiry) or its user is deactivated.
import "server-only";
import { type Actor, isSupervisor } from "../auth/actor";
import { type Viewer, viewerOf } from "../auth/policy";
import { db } from "../db";
import { validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { logger } from "../log";
import { liveHub } from "./hub";
import { frame, messagesFor } from "./messages";
import { type LiveBatch, type LiveEventRow, withRecords } from "./payloads";

export const HEARTBEAT_MS = 15_000;
/** How long the backlog keeps events (a reconnect after longer gets `resync`). */
export const BACKLOG_MINUTES = 15;
/** A replay takes events this much older than the last one seen too: a transaction that committed late. */
const REPLAY_OVERLAP_MS = 2000;
/** More missed than this and the tab is told to reload its data (resync): a replay's cost is bounded. */
const REPLAY_MAX = 1000;
/** Open streams a sign-in (its tabs) and a user (their devices) may hold on one server; a new one closes the oldest. */
export const MAX_STREAMS_PER_SESSION = 8;
export const MAX_STREAMS_PER_USER = 16;
/** A tab this far behind (bytes queued) is dropped; it reconnects and replays. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

const encoder = new TextEncoder();

class Connection {
  private seen = new Set<bigint>();
  private order: bigint[] = [];
  private buffered: LiveBatch[] | null = [];
  private unsubscribe: (() => void) | null = null;
  closed = false;

  constructor(
    public viewer: Viewer,
    readonly sessionId: string | undefined,
    private controller: ReadableStreamDefaultController<Uint8Array>,
  ) {}

  write(text: string) {
    if (this.closed) return;
    if ((this.controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) return this.close("too far behind");
    try {
      this.controller.enqueue(encoder.encode(text));
    } catch {
      this.close("write failed");
    }
  }

  private markSeen(id: bigint): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    this.order.push(id);
    if (this.order.length > 2048) this.seen.delete(this.order.shift()!);
    return true;
  }

  deliver(batch: LiveBatch) {
    if (this.buffered) {
      this.buffered.push(batch);
      return;
    }
    for (const event of batch.events) this.apply(event, batch);
    if (batch.deliveries && this.viewer.actor.role === "ADMIN") this.write(frame({ event: "delivery.changed", data: {} }));
  }

  private apply(event: LiveEventRow, batch: LiveBatch) {
    if (event.kind === "session") {
      if (event.entityId === this.sessionId) this.close("signed out");
      return;
    }
    if (event.kind === "user") {
      if (event.userIds.includes(this.viewer.actor.id)) void this.refreshViewer();
      return;
    }
    if (!this.markSeen(event.id)) return;
    for (const message of messagesFor(this.viewer, event, batch)) this.write(frame(message, event.id));
  }

  /** After a replay, the changes heard meanwhile. */
  goLive() {
    const held = this.buffered ?? [];
    this.buffered = null;
    for (const batch of held) this.deliver(batch);
  }

  replay(batch: LiveBatch) {
    for (const event of batch.events) this.apply(event, batch);
  }

  listen() {
    this.unsubscribe = liveHub().subscribe((batch) => this.deliver(batch));
  }

  /** The user's role, team or active flag changed: read them again (and end a deactivated user's stream). */
  async refreshViewer() {
    const user = await db.user.findUnique({ where: { id: this.viewer.actor.id } });
    if (!user?.active) return this.close("deactivated");
    const role = user.role;
    this.viewer = await viewerOf({ ...this.viewer.actor, role, managerId: user.managerId });
  }

  close(reason: string) {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    connections.delete(this);
    logger.debug({ userId: this.viewer.actor.id, reason }, "live stream closed");
    try {
      this.controller.close();
    } catch {
      // already closed by the client
    }
  }
}

const connections = new Set<Connection>();
let heartbeat: NodeJS.Timeout | null = null;

/** Every 15 s: a heartbeat to each stream, and one query for all of this server's sessions. */
async function beat() {
  for (const c of connections) c.write(": ping\n\n");
  await markSeen([...new Set([...connections].filter((c) => !c.closed).map((c) => c.viewer.actor.id))]);
  const sessionIds = [...new Set([...connections].map((c) => c.sessionId).filter((s): s is string => !!s))];
  if (sessionIds.length === 0) return;
  try {
    const alive = await db.session.findMany({
      where: { id: { in: sessionIds }, expiresAt: { gt: new Date() }, user: { active: true } },
      select: { id: true },
    });
    const ok = new Set(alive.map((s) => s.id));
    for (const c of connections) if (c.sessionId && !ok.has(c.sessionId)) c.close("session ended");
  } catch (error) {
    logger.warn({ err: error }, "live stream: session check failed");
  }
}

/** Users with the app open on this server were seen now (routing skips agents away longer than the set time). */
async function markSeen(userIds: string[]) {
  if (userIds.length === 0) return;
  try {
    await db.user.updateMany({ where: { id: { in: userIds } }, data: { lastSeenAt: new Date() } });
  } catch (error) {
    logger.warn({ err: error }, "live stream: could not mark users seen");
  }
}

function ensureHeartbeat() {
  if (heartbeat) return;
  heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
  heartbeat.unref();
}

/** Closes this user's oldest streams past the caps (a tab left behind, or a client opening thousands). */
function makeRoomFor(next: Connection) {
  const mine = [...connections].filter((c) => c.viewer.actor.id === next.viewer.actor.id);
  const sameSession = mine.filter((c) => next.sessionId !== undefined && c.sessionId === next.sessionId);
  for (const c of sameSession.slice(0, Math.max(0, sameSession.length - MAX_STREAMS_PER_SESSION + 1)))
    c.close("too many streams for this sign-in");
  const open = mine.filter((c) => !c.closed);
  for (const c of open.slice(0, Math.max(0, open.length - MAX_STREAMS_PER_USER + 1))) c.close("too many streams for this user");
}

/** Open streams on this server (health, tests, the bench's memory figure). */
export const openLiveStreams = () => connections.size;

/** The id after which to replay: the Last-Event-ID header (EventSource sends it) or `?lastEventId=`. */
export function parseLastEventId(request: Request): bigint | null {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  if (raw === null || raw === "") return null;
  if (!/^\d{1,18}$/.test(raw)) throw validationError({ "last-event-id": "must be the id of an event from this stream" });
  return BigInt(raw);
}

/**
 * `?since=` (ms since the epoch, the server's clock when it rendered the page): a first connection
 * replays what changed after the page's data was read, so nothing falls between the two.
 */
export function parseSince(request: Request): Date | null {
  const raw = new URL(request.url).searchParams.get("since");
  if (raw === null || raw === "") return null;
  const ms = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(ms)) throw validationError({ since: "must be a time in milliseconds" });
  // Older than the backlog: nothing to replay from, the page is reloaded data anyway.
  return ms < Date.now() - BACKLOG_MINUTES * 60_000 ? null : new Date(ms - REPLAY_OVERLAP_MS);
}

/**
 * Events after `lastId` (and a little before it, for late commits); null when they are no longer kept.
 * An agent is only ever shown events addressed to them (lib/live/messages.ts), so theirs are the only
 * ones read and counted against REPLAY_MAX: a busy floor's other traffic does not turn a short drop
 * (a server restarted, a proxy failing over) into a resync.
 */
async function missedSince(lastId: bigint, viewer: Viewer): Promise<LiveEventRow[] | null> {
  const last = await db.liveEvent.findUnique({ where: { id: lastId }, select: { at: true } });
  const oldest = await db.liveEvent.findFirst({ orderBy: { id: "asc" }, select: { id: true } });
  if (!last && (!oldest || lastId < oldest.id)) return null;
  const overlap = last ? [{ id: { lt: lastId }, at: { gte: new Date(last.at.getTime() - REPLAY_OVERLAP_MS) } }] : [];
  return replayable({ OR: [{ id: { gt: lastId } }, ...overlap] }, viewer);
}

/** The events matching `where` that `viewer` may be shown, each record once; null past REPLAY_MAX. */
async function replayable(where: Prisma.LiveEventWhereInput, viewer: Viewer): Promise<LiveEventRow[] | null> {
  const addressed = isSupervisor(viewer.actor) ? {} : { userIds: { has: viewer.actor.id } };
  const events = await db.liveEvent.findMany({ where: { AND: [where, addressed] }, orderBy: { id: "asc" }, take: REPLAY_MAX + 1 });
  if (events.length > REPLAY_MAX) return null;
  return latestPerRecord(events);
}

/** A record changed five times while away is sent once, as it is now (timeline entries all). */
function latestPerRecord(events: LiveEventRow[]): LiveEventRow[] {
  const latest = new Map<string, LiveEventRow>();
  for (const e of events) latest.set(e.kind === "activity" ? `activity:${e.id}` : `${e.kind}:${e.entityId}`, e);
  return [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function openLiveStream(request: Request, actor: Actor): Promise<Response> {
  const lastId = parseLastEventId(request);
  const since = lastId === null ? parseSince(request) : null;
  const viewer = await viewerOf(actor);
  let connection: Connection | null = null;
  const stream = new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        const c = new Connection(viewer, actor.sessionId, controller);
        connection = c;
        makeRoomFor(c);
        connections.add(c);
        ensureHeartbeat();
        void markSeen([actor.id]);
        c.listen(); // heard while replaying is held, then sent (repeats dropped)
        c.write("retry: 2000\n: connected\n\n");
        if (lastId !== null) {
          try {
            const missed = await missedSince(lastId, viewer);
            if (missed === null) c.write(frame({ event: "resync", data: { reason: "The events since your last one are no longer kept" } }));
            else c.replay(await withRecords(missed));
          } catch (error) {
            logger.error({ err: error }, "live stream: replay failed");
            c.write(frame({ event: "resync", data: { reason: "Replay failed" } }));
          }
        }
        if (since) {
          try {
            const recent = await replayable({ at: { gte: since } }, viewer);
            if (recent === null) c.write(frame({ event: "resync", data: { reason: "Too much changed since the page was read" } }));
            else c.replay(await withRecords(recent));
          } catch (error) {
            logger.error({ err: error }, "live stream: replay since the page's read failed");
            c.write(frame({ event: "resync", data: { reason: "Replay failed" } }));
          }
        }
        c.goLive();
        request.signal.addEventListener("abort", () => c.close("client went away"));
      },
      cancel() {
        connection?.close("client went away");
      },
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
