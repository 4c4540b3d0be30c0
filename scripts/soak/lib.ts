import http from "node:http";
import { signInOverHttp } from "../lib"; // The soak's judgements: which server log lines are failures, and whether memory keeps growing.

/** A log line that fails the soak, described; null for a normal line. */
export function scanLine(line: string): string | null {
  const rules: [RegExp, string][] = [
    [/Aborted\(\)/, "wasm abort"],
    [/failed to initialize/i, "database re-initialisation"],
    [/unhandled ?rejection/i, "unhandled rejection"],
    [/uncaught ?exception/i, "uncaught exception"],
    [/RuntimeError/, "runtime error"],
    [/approaching the used memory threshold/i, "dev server restarted for memory"],
    [/"level":(50|60)/, "error logged"],
    [/^\s*⨯ /, "Next.js error"],
    [/\bERROR\b/, "error logged"],
    [/\[database\].*(crashed|failed)/, "embedded database error"],
  ];
  for (const [pattern, what] of rules) if (pattern.test(line)) return `${what}: ${line.slice(0, 300)}`;
  return null;
}

export type Sample = { at: number; app: number; database: number };

/**
 * Memory that keeps growing: after a warm-up (the first fifth of the run, at least 3 minutes), the
 * median of the last third exceeds the median of the first third by more than a quarter and by
 * more than 150 MB. A heap that settles passes however large; a leak fails however slow.
 */
export function memoryGrowth(samples: Sample[], key: "app" | "database") {
  const end = samples.at(-1)?.at ?? 0;
  const warm = Math.max(3 * 60_000, end / 5);
  const values = samples.filter((s) => s.at >= warm).map((s) => s[key]);
  const peakMB = Math.max(0, ...samples.map((s) => s[key]));
  if (values.length < 6) return { firstMB: 0, lastMB: 0, peakMB, growing: false };
  const third = Math.floor(values.length / 3);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const firstMB = median(values.slice(0, third));
  const lastMB = median(values.slice(-third));
  return { firstMB, lastMB, peakMB, growing: lastMB > firstMB * 1.25 && lastMB - firstMB > 150 };
}

/** GET that may be cut off (the socket destroyed) after `cancelAfterMs`, as a browser leaving a page does. */
export function cancelledGet(
  url: string,
  cookie: string,
  cancelAfterMs: number | null,
): Promise<{ status: number | null; cancelled: boolean }> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: { status: number | null; cancelled: boolean }) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    const req = http.get(url, { headers: { cookie } }, (res) => {
      res.on("data", () => {});
      res.on("end", () => finish({ status: res.statusCode ?? null, cancelled: false }));
      res.on("error", () => finish({ status: res.statusCode ?? null, cancelled: true }));
    });
    req.on("error", () => finish({ status: null, cancelled: true }));
    req.setTimeout(60_000, () => req.destroy());
    if (cancelAfterMs !== null) {
      setTimeout(() => {
        if (!done) {
          req.destroy();
          finish({ status: null, cancelled: true });
        }
      }, cancelAfterMs);
    }
  });
}

/** Signs a demo user in through better-auth; answers the Cookie header. */
export const signIn = (base: string, email: string) => signInOverHttp(base, email, process.env.DEMO_PASSWORD ?? "demo-password");
