// Helpers for `npm run bench`: child servers, autocannon runs, stats.
import { type ChildProcess, spawn } from "node:child_process";
import autocannon from "autocannon";

export interface LoadResult {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

export function startServer(cmd: string, args: string[], env: NodeJS.ProcessEnv, logPrefix: string): ChildProcess {
  const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.on("data", (d: Buffer) => process.env.BENCH_VERBOSE && process.stdout.write(`${logPrefix} ${d}`));
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`${logPrefix} ${d}`));
  return child;
}

/** A webhook token for bench and burst servers (production wants 32 characters or more). */
export const BENCH_WEBHOOK_TOKEN = "bench-webhook-token-0123456789-abcdefghij";

/**
 * The production server exactly as `npm start` runs it (scripts/server.ts), on plain http on this
 * machine (ALLOW_INSECURE_HTTP), with the secrets production insists on. `appUrl`: the address
 * browsers use (a proxy's, when servers sit behind one); `nodeArgs`: Node's own flags (e.g. --cpu-prof).
 */
export function startApp(
  port: number,
  env: NodeJS.ProcessEnv,
  logPrefix: string,
  appUrl = `http://localhost:${port}`,
  nodeArgs: string[] = [],
): ChildProcess {
  return startServer(
    process.execPath,
    [...nodeArgs, "--import", "tsx", "scripts/server.ts"],
    {
      SMARTFLO_WEBHOOK_TOKEN: BENCH_WEBHOOK_TOKEN,
      BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01",
      ...env,
      NODE_ENV: "production",
      ALLOW_INSECURE_HTTP: "1",
      APP_URL: appUrl,
      PORT: String(port),
    },
    logPrefix,
  );
}

export async function stopServer(child: ChildProcess | null) {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
      resolve();
    }, 5000);
  });
}

export async function waitFor(url: string, timeoutMs = 90_000) {
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {}
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function load(opts: {
  label: string;
  url: string;
  body: () => string;
  headers?: Record<string, string>;
  connections?: number;
  duration?: number;
  overallRate?: number;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections ?? 10,
    duration: opts.duration ?? 10,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json", ...opts.headers },
        setupRequest: (req: autocannon.Request) => ({ ...req, body: opts.body() }),
      },
    ],
  });
  if (opts.label !== "warm")
    console.log(
      `  ${opts.label}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );
  return {
    label: opts.label,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  };
}

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
