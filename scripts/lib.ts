// Shared helpers for the project's scripts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";

/**
 * Node flags for a script that uses the app's server modules. They import "server-only", which
 * resolves to nothing under the react-server condition (as in Next.js's server bundles) and
 * throws anywhere else: a browser bundle, or a plain Node process.
 */
export const SERVER_SCRIPT = ["--conditions=react-server", "--import", "tsx"];

/** Generates the Prisma client when it is missing or older than the schema. */
export function ensurePrismaClient() {
  const client = "lib/generated/prisma/client.ts";
  const schemaFiles = ["prisma/schema.prisma", ...readdirSync("prisma/models").map((f) => `prisma/models/${f}`)];
  const newest = Math.max(...schemaFiles.map((f) => statSync(f).mtimeMs));
  if (existsSync(client) && statSync(client).mtimeMs >= newest) return;
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/prisma-generate.ts"], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("prisma generate failed");
}

/** Runs a command, inheriting stdio; resolves with its exit code. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/**
 * Signs a user in through better-auth over HTTP and answers the Cookie header. Origin is sent (as
 * better-auth requires of Node's fetch), on the localhost name APP_URL uses.
 */
export async function signInOverHttp(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base.replace("127.0.0.1", "localhost") },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
