// One process at a time opens an embedded database folder: PGlite itself does not lock it, and two
// processes writing one folder corrupt it. The lock is a file beside the folder naming the process;
// a lock left by a process that is gone is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Whether a process with this pid runs on this machine (EPERM: it does, owned by someone else). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Where an embedded database's server announces itself while it runs: `{pid, url}`. */
export const serverFileOf = (dir: string) => `${path.resolve(dir)}.server.json`;
const lockFileOf = (dir: string) => `${path.resolve(dir)}.lock`;

/** Takes the folder's lock for this process; throws, naming the holder, when a live process has it. */
export function lockDataDir(dir: string): () => void {
  const file = lockFileOf(dir);
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => {
        if (readPid(file) === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readPid(file);
      if (holder === process.pid) return () => rmSync(file, { force: true });
      if (holder && alive(holder)) {
        throw new Error(
          `The embedded database in ${dir} is open in another process (pid ${holder}). ` +
            "Stop it first (the dev server, a seed or a script), or set DATABASE_URL.",
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock of the embedded database in ${dir}`);
}

function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The URL of the server running this folder's database, when one is up. */
export function runningServerUrl(dir: string): string | null {
  try {
    const { pid, url } = JSON.parse(readFileSync(serverFileOf(dir), "utf8")) as { pid: number; url: string };
    return alive(pid) ? url : null;
  } catch {
    return null;
  }
}
