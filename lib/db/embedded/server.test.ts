// The embedded database's server, through `pg` as the app uses it: clients interleaving their
// transactions and extended-protocol queries never see each other's half-done work, notifications
// reach only the clients that listen, and a client that vanishes mid-transaction leaves nothing.
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../client";
import { EmbeddedPostgresServer } from "./server";
import { listenChanges, summarizeBackendOutput, takeClientMessages } from "./wire";

describe("wire", () => {
  it("splits startup, SSL and typed messages, keeping a partial one", () => {
    const ssl = Buffer.alloc(8);
    ssl.writeInt32BE(8, 0);
    ssl.writeInt32BE(80877103, 4);
    const startup = Buffer.alloc(9);
    startup.writeInt32BE(9, 0);
    startup.writeInt32BE(196608, 4);
    const query = Buffer.from([0x51, 0, 0, 0, 6, 0x41, 0]);
    const all = Buffer.concat([ssl, startup, query, query.subarray(0, 3)]);
    const { messages, rest, started } = takeClientMessages(all, false);
    expect(messages.map((m) => m.kind)).toEqual(["ssl", "startup", "typed"]);
    expect(started).toBe(true);
    expect(rest.length).toBe(3);
  });

  it("strips notifications and reads the last ReadyForQuery", () => {
    const notify = Buffer.concat([Buffer.from([0x41, 0, 0, 0, 17, 0, 0, 0, 1]), Buffer.from("crm_live\0"), Buffer.from("1\0")]);
    notify.writeInt32BE(notify.length - 1, 1);
    const ready = (s: string) => Buffer.from([0x5a, 0, 0, 0, 5, s.charCodeAt(0)]);
    const out = summarizeBackendOutput(Buffer.concat([ready("T"), notify, ready("I")]));
    expect(out.notifications.map((n) => n.channel)).toEqual(["crm_live"]);
    expect(out.ready).toBe("I");
    expect(out.output.length).toBe(12);
  });

  it("finds LISTEN and UNLISTEN channels", () => {
    expect(listenChanges('LISTEN crm_live; listen "Mixed"; UNLISTEN *')).toEqual({ listen: ["crm_live", "Mixed"], unlisten: ["*"] });
    expect(listenChanges("select 'no LISTEN here'")).toEqual({ listen: [], unlisten: [] });
  });
});

describe("EmbeddedPostgresServer", () => {
  let db: PGlite;
  let server: EmbeddedPostgresServer;
  let url: string;
  beforeAll(async () => {
    db = new PGlite("memory://");
    await db.waitReady;
    server = new EmbeddedPostgresServer(db, { holdIdleMs: 300 });
    url = `postgres://postgres@127.0.0.1:${await server.listen(0)}/postgres`;
    await db.exec("create table item (id serial primary key, v int not null)");
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it("keeps each client's transaction whole while others run parameterised queries", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const c = await pool.connect();
        try {
          await c.query("BEGIN");
          await c.query("insert into item (v) values ($1)", [i]);
          const mine = await c.query("select count(*)::int n from item where v = $1", [i]);
          expect(mine.rows[0].n).toBe(1);
          await c.query(i % 4 === 0 ? "ROLLBACK" : "COMMIT");
        } finally {
          c.release();
        }
      }),
    );
    const { rows } = await pool.query("select count(*)::int n from item");
    expect(rows[0].n).toBe(30);
    await pool.end();
  });

  it("delivers notifications to the listening client only", async () => {
    const listener = new pg.Client({ connectionString: url });
    const other = new pg.Client({ connectionString: url });
    await listener.connect();
    await other.connect();
    const heard: string[] = [];
    const strays: string[] = [];
    listener.on("notification", (n) => heard.push(`${n.channel}:${n.payload}`));
    other.on("notification", (n) => strays.push(n.payload ?? ""));
    await listener.query("LISTEN crm_live");
    for (let i = 0; i < 5; i++) await other.query("select pg_notify('crm_live', $1)", [String(i)]);
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual(["crm_live:0", "crm_live:1", "crm_live:2", "crm_live:3", "crm_live:4"]);
    expect(strays).toEqual([]);
    await listener.end();
    await other.end();
  });

  it("rolls back the transaction of a client that disconnects, and cuts off one that holds the database idle", async () => {
    const gone = new pg.Client({ connectionString: url });
    gone.on("error", () => {});
    await gone.connect();
    await gone.query("BEGIN");
    await gone.query("insert into item (v) values (-1)");
    (gone as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();

    const idle = new pg.Client({ connectionString: url });
    idle.on("error", () => {});
    await idle.connect();
    await idle.query("BEGIN");
    await idle.query("insert into item (v) values (-2)");
    // Someone else needs the database while `idle` sits in its transaction: it is disconnected.
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const { rows } = await pool.query("select count(*)::int n from item where v < 0");
    expect(rows[0].n).toBe(0);
    expect(server.status().cutOff).toBeGreaterThanOrEqual(1);
    await pool.end();
  });

  it("serves the app's direct statements from many pooled connections at once, times as UTC", async () => {
    // One backend for every client: a named statement one connection prepared would collide with the next's.
    const handle = openDatabase({ databaseUrl: url });
    try {
      const at = new Date("2026-12-04T05:30:00.123Z");
      const rows = await Promise.all(
        Array.from({ length: 30 }, (_, i) => handle.query<{ n: number; t: Date }>("select $1::int + 1 as n, $2::timestamp as t", [i, at])),
      );
      expect(rows.map(([r]) => r!.n)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      for (const [r] of rows) expect(r!.t.toISOString()).toBe(at.toISOString());
    } finally {
      await handle.close();
    }
  });
});
