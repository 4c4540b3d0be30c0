// The embedded database's own process (started by lib/db/embedded/launch.ts): opens PGlite on the
// folder, serves it on 127.0.0.1, announces its URL, and closes PGlite cleanly when told to stop or
// when the process that started it goes away, so the folder is never left half-written.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { lockDataDir, serverFileOf } from "./lock";
import { EmbeddedPostgresServer } from "./server";

const [dirArg, portArg] = process.argv.slice(2);
if (!dirArg) {
  console.error("usage: process.ts <data folder> [port]");
  process.exit(2);
}
const dir: string = dirArg;
const log = (level: string, message: string, extra?: Record<string, unknown>) =>
  console[level === "info" ? "log" : "error"](`[database] ${message}${extra ? ` ${JSON.stringify(extra)}` : ""}`);

const unlock = lockDataDir(dir);
mkdirSync(path.resolve(dir), { recursive: true });
const db = new PGlite(dir, { extensions: { pg_trgm } });
await db.waitReady;
const server = new EmbeddedPostgresServer(db, { log });
const port = await server.listen(Number(portArg ?? 0));
const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
writeFileSync(serverFileOf(dir), JSON.stringify({ pid: process.pid, url }));

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  try {
    await server.close();
    await db.close();
  } catch (error) {
    log("error", "closing the embedded database failed", { err: String(error) });
    code ||= 1;
  } finally {
    rmSync(serverFileOf(dir), { force: true });
    unlock();
    process.exit(code);
  }
}
// Started by another process: that one decides when to stop (after the app that uses it), so a
// Ctrl-C in the terminal, which reaches the whole process group, does not pull the database away
// from an app still finishing its requests. Alone: Ctrl-C stops it.
process.on("SIGINT", () => {
  if (!process.send) void stop(0);
});
for (const signal of ["SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(0));
process.on("disconnect", () => void stop(0));
process.on("uncaughtException", (error) => {
  log("error", "embedded database crashed", { err: String(error), stack: error.stack });
  void stop(1);
});

if (process.send) process.send({ ready: true, url });
else console.log(url);
