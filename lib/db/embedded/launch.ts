// Starts the embedded database in a process of its own and answers its postgres:// URL. The app,
// its job queue, its live stream and every script then use the same `pg` path as with PostgreSQL.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";

export type EmbeddedDatabase = { url: string; child: ChildProcess; stop(): Promise<void> };

const entry = path.join(import.meta.dirname, "process.ts");

export function startEmbeddedDatabase(
  dir: string,
  opts: { port?: number; onExit?: (code: number | null) => void } = {},
): Promise<EmbeddedDatabase> {
  const child = fork(entry, [dir, String(opts.port ?? 0)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.once("message", (m: { ready?: boolean; url?: string }) => {
      if (!m.ready || !m.url) return reject(new Error("the embedded database did not start"));
      child.on("exit", (code) => {
        if (!stopping) opts.onExit?.(code);
      });
      resolve({
        url: m.url,
        child,
        async stop() {
          stopping = true;
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
    child.once("exit", (code) => reject(new Error(`the embedded database exited (code ${code}) before it was ready`)));
  });
}
