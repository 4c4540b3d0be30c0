// The bench's Next.js floor, (b): the smallest useful Next.js app — one route handler doing one raw
// insert of the body — built from these sources into .data/bench-floor, outside the production
// app (which carries no benchmark-only route). Same Next.js, same Node, same machine.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "../lib";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const FLOOR_DIR = path.join(ROOT, ".data/bench-floor");

const ROUTE = `import pg from "pg";
import { PGlite } from "@electric-sql/pglite";

let insert: ((body: string) => Promise<unknown>) | null = null;

function connect() {
  if (process.env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    return (body: string) => pool.query("INSERT INTO bench_raw (body) VALUES ($1)", [body]);
  }
  const lite = new PGlite(process.env.FLOOR_PGLITE_DIR);
  const ready = lite.exec(
    "CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())",
  );
  return async (body: string) => {
    await ready;
    return lite.query("INSERT INTO bench_raw (body) VALUES ($1)", [body]);
  };
}

export async function POST(request: Request): Promise<Response> {
  insert ??= connect();
  await insert(await request.text());
  return Response.json({ ok: true });
}
`;

/** Writes and builds the floor app; returns its directory. */
export async function buildFloorApp(): Promise<string> {
  rmSync(FLOOR_DIR, { recursive: true, force: true });
  mkdirSync(path.join(FLOOR_DIR, "app/api/bench/insert"), { recursive: true });
  writeFileSync(path.join(FLOOR_DIR, "app/api/bench/insert/route.ts"), ROUTE);
  // Its own (empty) instrumentation hook: with the repo as Turbopack's root, the build would otherwise
  // take the app's (environment checks for production, the job queue) and the floor would not be a floor.
  writeFileSync(path.join(FLOOR_DIR, "instrumentation.ts"), "export function register() {}\n");
  // The framework's own first-load JavaScript: a bare App Router page with one small client component.
  writeFileSync(
    path.join(FLOOR_DIR, "app/layout.tsx"),
    "export default function Layout({ children }: { children: React.ReactNode }) {\n" +
      '  return (<html lang="en"><body>{children}</body></html>);\n}\n',
  );
  writeFileSync(
    path.join(FLOOR_DIR, "app/page.tsx"),
    'import Counter from "./counter";\nexport default function Page() {\n  return <Counter />;\n}\n',
  );
  writeFileSync(
    path.join(FLOOR_DIR, "app/counter.tsx"),
    '"use client";\nimport { useState } from "react";\nexport default function Counter() {\n' +
      '  const [n, setN] = useState(0);\n  return <button type="button" onClick={() => setN(n + 1)}>{n}</button>;\n}\n',
  );
  writeFileSync(path.join(FLOOR_DIR, "package.json"), JSON.stringify({ name: "bench-floor", private: true, type: "module" }, null, 2));
  writeFileSync(
    path.join(FLOOR_DIR, "next.config.mjs"),
    `export default ${JSON.stringify({
      serverExternalPackages: ["pg", "@electric-sql/pglite"],
      poweredByHeader: false,
      outputFileTracingRoot: ROOT,
      turbopack: { root: ROOT },
    })};\n`,
  );
  writeFileSync(
    path.join(FLOOR_DIR, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          lib: ["dom", "esnext"],
          module: "esnext",
          moduleResolution: "bundler",
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          jsx: "react-jsx",
          isolatedModules: true,
          esModuleInterop: true,
        },
        include: ["**/*.ts", "**/*.tsx"],
      },
      null,
      2,
    ),
  );
  const code = await run("npx", ["next", "build", FLOOR_DIR], { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  if (code !== 0) throw new Error("the bench floor app did not build");
  return FLOOR_DIR;
}
