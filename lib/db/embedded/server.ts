// The embedded database as a PostgreSQL server of its own, in a process of its own: PGlite behind
// a TCP socket that speaks the wire protocol, so the app (and its job queue, its LISTEN, every
// script) connects with `pg` exactly as to PostgreSQL. PGlite is one backend: clients take turns.
// A client holds the backend from its first message until the backend is idle again (after its
// Sync or simple query, outside a transaction), so one client's transaction or extended-protocol
// exchange is never interleaved with another's. Notifications go to the clients that LISTEN.
//
// Why a process of its own: inside the Next.js dev server PGlite shared the fate of every request
// (a cancelled request, a worker restarted for memory, two workers opening one folder) and decayed.
import { createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import {
  type ClientMessage,
  errorResponse,
  listenChanges,
  NO_SSL,
  queryText,
  SYNC_MESSAGE,
  simpleQuery,
  summarizeBackendOutput,
  takeClientMessages,
} from "./wire";

/** A client holding the backend inside a transaction, silent this long while others wait, is cut off. */
const DEFAULT_HOLD_IDLE_MS = 30_000;
/** Messages after which the backend may be idle again (simple query, Sync, function call, COPY end). */
const ENDS_EXCHANGE = new Set(["Q", "S", "F", "c", "f"]);

type Log = (level: "info" | "warn" | "error", message: string, extra?: Record<string, unknown>) => void;

class Client {
  buffer: Buffer = Buffer.alloc(0);
  started = false;
  pending: ClientMessage[] = [];
  listening = new Set<string>();
  working = false;
  holds = false;
  closed = false;
  lastActive = Date.now();
  constructor(
    readonly id: number,
    readonly socket: Socket,
  ) {}

  send(bytes: Uint8Array) {
    if (bytes.length && !this.socket.destroyed && this.socket.writable) this.socket.write(bytes);
  }
}

export type EmbeddedServerStats = { clients: number; waiting: number; exchanges: number; cutOff: number };

export class EmbeddedPostgresServer {
  private server: Server | null = null;
  private clients = new Set<Client>();
  private holder: Client | null = null;
  private waiting: { client: Client; grant: (granted: boolean) => void }[] = [];
  private nextId = 1;
  private watchdog: NodeJS.Timeout | null = null;
  private stats = { exchanges: 0, cutOff: 0 };

  constructor(
    private readonly db: PGlite,
    private readonly opts: { holdIdleMs?: number; log?: Log } = {},
  ) {}

  private log: Log = (level, message, extra) => this.opts.log?.(level, message, extra);

  async listen(port = 0, host = "127.0.0.1"): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    const holdIdleMs = this.opts.holdIdleMs ?? DEFAULT_HOLD_IDLE_MS;
    this.watchdog = setInterval(() => this.cutOffIdleHolder(holdIdleMs), Math.min(5000, holdIdleMs)).unref();
    const address = server.address();
    return typeof address === "object" && address ? address.port : port;
  }

  status(): EmbeddedServerStats {
    return { clients: this.clients.size, waiting: this.waiting.length, ...this.stats };
  }

  /** Stops accepting, disconnects every client (their open transactions roll back) and waits for the backend. */
  async close(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    for (const client of this.clients) client.socket.destroy();
    // Each closing client releases the backend in turn; wait until nobody holds it.
    for (let i = 0; i < 200 && (this.holder || this.clients.size); i++) await new Promise((r) => setTimeout(r, 25));
  }

  private accept(socket: Socket) {
    socket.setNoDelay(true);
    const client = new Client(this.nextId++, socket);
    this.clients.add(client);
    socket.on("data", (chunk: Buffer) => {
      client.lastActive = Date.now();
      client.buffer = client.buffer.length ? Buffer.concat([client.buffer, chunk]) : chunk;
      const { messages, rest, started } = takeClientMessages(client.buffer, client.started);
      client.buffer = rest;
      client.started = started;
      client.pending.push(...messages);
      void this.work(client);
    });
    // A client going away (ECONNRESET included) is normal: its turn ends and its transaction rolls back.
    socket.on("error", () => {});
    socket.on("close", () => {
      client.closed = true;
      void this.work(client);
    });
  }

  /** Runs a client's messages in order, one exchange at a time; the only place a client's turn ends. */
  private async work(client: Client) {
    if (client.working) return;
    client.working = true;
    try {
      while (!client.closed && client.pending.length) {
        const first = client.pending[0]!;
        if (first.kind === "ssl") {
          client.pending.shift();
          client.send(NO_SSL);
          continue;
        }
        if (first.kind === "cancel" || (first.kind === "typed" && first.type === "X")) {
          client.pending = [];
          client.socket.end();
          break;
        }
        if (!(await this.acquire(client))) break;
        await this.exchange(client);
      }
      if (client.closed) await this.leave(client);
    } catch (error) {
      this.log("error", "embedded database: a client's exchange failed", { client: client.id, err: String(error) });
      client.send(errorResponse(`embedded database: ${(error as Error).message}`, "XX000"));
      client.socket.destroy();
      client.closed = true;
      await this.leave(client).catch(() => {});
    } finally {
      client.working = false;
    }
    // Messages that arrived while the last exchange finished.
    if (!client.closed && client.pending.length) void this.work(client);
  }

  /** Sends the client's next batch to the backend: a startup packet alone, else every typed message up to a Terminate. */
  private async exchange(client: Client) {
    const first = client.pending[0]!;
    let batch: Buffer;
    let lastType: string;
    if (first.kind === "startup") {
      client.pending.shift();
      batch = first.bytes;
      lastType = "Q"; // the startup answer ends with ReadyForQuery, like a query
    } else {
      const parts: Buffer[] = [];
      lastType = "";
      while (client.pending.length) {
        const m = client.pending[0]!;
        if (m.kind !== "typed" || m.type === "X") break;
        client.pending.shift();
        parts.push(m.bytes);
        lastType = m.type;
        const sql = queryText(m.bytes);
        if (sql && /LISTEN/i.test(sql)) this.trackListen(client, sql);
      }
      batch = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    }
    const answer = await this.db.execProtocolRaw(new Uint8Array(batch.buffer, batch.byteOffset, batch.byteLength));
    this.stats.exchanges++;
    const { output, notifications, ready } = summarizeBackendOutput(answer);
    client.send(output);
    for (const n of notifications) {
      for (const c of this.clients) if (c.listening.has(n.channel)) c.send(n.message);
    }
    if (ready === "I" && ENDS_EXCHANGE.has(lastType)) this.release(client);
  }

  private trackListen(client: Client, sql: string) {
    const { listen, unlisten } = listenChanges(sql);
    for (const channel of listen) client.listening.add(channel);
    for (const channel of unlisten) {
      if (channel === "*") client.listening.clear();
      else client.listening.delete(channel);
    }
  }

  private acquire(client: Client): Promise<boolean> {
    if (this.holder === client) return Promise.resolve(true);
    if (!this.holder) {
      this.holder = client;
      client.holds = true;
      return Promise.resolve(true);
    }
    return new Promise((grant) => this.waiting.push({ client, grant }));
  }

  private release(client: Client) {
    if (this.holder !== client) return;
    client.holds = false;
    this.holder = null;
    while (this.waiting.length) {
      const next = this.waiting.shift()!;
      if (next.client.closed) {
        next.grant(false);
        continue;
      }
      this.holder = next.client;
      next.client.holds = true;
      next.grant(true);
      return;
    }
  }

  /** A client that went away: undo what it left open on the shared backend, then pass the turn on. */
  private async leave(client: Client) {
    if (!this.clients.delete(client)) return;
    this.waiting = this.waiting.filter((w) => {
      if (w.client !== client) return true;
      w.grant(false);
      return false;
    });
    if (this.holder !== client) return;
    try {
      await this.db.execProtocolRaw(new Uint8Array(SYNC_MESSAGE));
      if (this.db.isInTransaction()) await this.db.execProtocolRaw(new Uint8Array(simpleQuery("ROLLBACK")));
    } finally {
      this.release(client);
    }
  }

  private cutOffIdleHolder(holdIdleMs: number) {
    const holder = this.holder;
    if (!holder || this.waiting.length === 0 || holder.working) return;
    if (Date.now() - holder.lastActive < holdIdleMs) return;
    this.stats.cutOff++;
    this.log("warn", "embedded database: a client held a transaction open without a word while others waited; disconnecting it", {
      client: holder.id,
      idleMs: Date.now() - holder.lastActive,
      waiting: this.waiting.length,
    });
    holder.socket.destroy();
  }
}
