// The production app's import graph, walked from its entry points (every file under app/, the
// proxy, instrumentation and next.config.ts): test and dev tooling — the Smartflo simulator, the
// test helpers, fixtures, scripts — must not be reachable from it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const EXTS = [".ts", ".tsx", "/index.ts", "/index.tsx"];
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null; // a package
  for (const ext of ["", ...EXTS]) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every project file reachable from the entry points, with one path that reaches it. */
function reachable(entries: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>(entries.map((e) => [e, [e]]));
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(IMPORT)) {
      // Type-only imports are erased: they put nothing in the bundle.
      if (/^import\s+type\s/.test(m[0]) || /^export\s+type\s/.test(m[0])) continue;
      const target = resolve(file, m[1] ?? m[2]!);
      if (!target || seen.has(target)) continue;
      seen.set(target, [...seen.get(file)!, target]);
      queue.push(target);
    }
  }
  return seen;
}

describe("the production app's import graph", () => {
  const entries = [
    ...files(path.join(ROOT, "app")),
    ...["proxy.ts", "instrumentation.ts", "next.config.ts"].map((f) => path.join(ROOT, f)),
  ];
  const graph = reachable(entries);
  const rel = (f: string) => path.relative(ROOT, f);

  it("reaches the app's own modules (the walk works)", () => {
    expect(graph.has(path.join(ROOT, "lib/webhooks/ingest.ts"))).toBe(true);
    expect(graph.has(path.join(ROOT, "lib/calls/recording.ts"))).toBe(true);
    expect(graph.size).toBeGreaterThan(100);
  });

  it("never reaches the Smartflo simulator, test helpers, fixtures or scripts", () => {
    const forbidden = [...graph.entries()].filter(([f]) =>
      /lib\/smartflo\/simulator\/|__fixtures__|scripts\/|\.test\.tsx?$|e2e\//.test(rel(f)),
    );
    expect(forbidden.map(([, via]) => via.map(rel).join(" → "))).toEqual([]);
  });
});
