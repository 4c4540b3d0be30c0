// (scripts/test/two-servers.ts, part of `npm test`) and its benchmark (scripts/bench/live.ts).
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { migrateDatabase } from "../lib/db/migrate";
import { BENCH_WEBHOOK_TOKEN, startApp, stopServer, waitFor } from "./bench/lib";
import { signInOverHttp } from "./lib"; // Two production app servers on one PostgreSQL database, for the live stream's cross-server test

export const CLUSTER_PASSWORD = "cluster-password-1";

/** A fresh database `name` on the server of `adminUrl`, migrated. */
export async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const databaseUrl = u.toString();
  await migrateDatabase({ databaseUrl });
  return databaseUrl;
}

export interface Cluster {
  a: string;
  b: string;
  pids: { a: number; b: number };
  stop(): Promise<void>;
}

/** Servers A and B, both `npm start`, on one database. */
export async function startCluster(databaseUrl: string, ports: [number, number], prefix: string): Promise<Cluster> {
  for (const port of ports) {
    const taken = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    if (taken) throw new Error(`port ${port} is already in use (a server left over from another run?)`);
  }
  const env = { ...process.env, DATABASE_URL: databaseUrl, SMARTFLO_WEBHOOK_TOKEN: BENCH_WEBHOOK_TOKEN };
  const children: ChildProcess[] = ports.map((port, i) => startApp(port, env, `[${prefix}:${i ? "B" : "A"}]`));
  const stop = async () => {
    await Promise.all(children.map((c) => stopServer(c)));
  };
  try {
    await Promise.all(ports.map((port) => waitFor(`http://127.0.0.1:${port}/sign-in`)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    a: `http://127.0.0.1:${ports[0]}`,
    b: `http://127.0.0.1:${ports[1]}`,
    pids: { a: children[0]!.pid!, b: children[1]!.pid! },
    stop,
  };
}

export const signIn = (base: string, email: string, password = CLUSTER_PASSWORD) => signInOverHttp(base, email, password);

export const postWebhook = (base: string, body: unknown) =>
  fetch(`${base}/api/v1/smartflo/webhook?token=${BENCH_WEBHOOK_TOKEN}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

/** An SSE client: calls `onEvent(name, data, receivedAt)` for every frame; `close()` ends it. */
export async function openEvents(base: string, cookie: string, onEvent: (name: string, data: string, at: number) => void) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/v1/events`, { headers: { cookie }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const done = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) onEvent(name, data, at);
        }
      }
    } catch {
      // closed
    }
  })();
  return {
    close: async () => {
      abort.abort();
      await done;
    },
  };
}

/** The resident memory of a process, in bytes (Linux). */
export async function rssBytes(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}
