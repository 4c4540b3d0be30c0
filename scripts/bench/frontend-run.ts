// `npx tsx --conditions=react-server scripts/bench/frontend-run.ts`: the first-load JavaScript of a
// lead page, /leads and home, signed in as the demo agent, on the production build already in .next
// (this builds nothing: run `NODE_ENV=production npx next build` first). It seeds a throwaway
// embedded database, starts the server as `npm start` does, and prints what Chromium downloaded.
// FRONTEND_BENCH_FILES=1 also lists every script; FRONTEND_BENCH_PORT picks the port (3390).
import { rmSync } from "node:fs";
import { openDatabase } from "../../lib/db/client";
import { migrateDatabase } from "../../lib/db/migrate";
import { DEMO_USERS, seedDemoData } from "../../lib/seed/demo";
import { firstLoadScripts } from "./frontend";
import { startApp, stopServer, waitFor } from "./lib";

const DIR = ".data/bench-frontend";
const PASSWORD = "demo-password";
const port = Number(process.env.FRONTEND_BENCH_PORT ?? 3390);
const kib = (n: number) => (n / 1024).toFixed(1);

rmSync(DIR, { recursive: true, force: true });
await migrateDatabase({ pgliteDir: DIR });
const handle = openDatabase({ pgliteDir: DIR });
let leadId: string;
try {
  await seedDemoData(handle.db, { password: PASSWORD });
  const where = { owner: { email: DEMO_USERS.agent.email } };
  leadId = (await handle.db.lead.findFirstOrThrow({ where, orderBy: { createdAt: "asc" } })).id;
} finally {
  await handle.close();
}

const app = startApp(port, { ...process.env, DATABASE_URL: "", PGLITE_DIR: DIR }, "[app]");
try {
  const base = `http://localhost:${port}`;
  await waitFor(`${base}/sign-in`);
  // One throwaway load first, so the server's first-request work does not slow the measured ones.
  await firstLoadScripts(base, DEMO_USERS.agent.email, PASSWORD, "/");
  console.log(`First-load JavaScript as ${DEMO_USERS.agent.email} (every script Chromium downloads, gzip level 6)`);
  console.log("| page | files | KiB | KiB gzip |\n|---|---:|---:|---:|");
  const lists: [string, Awaited<ReturnType<typeof firstLoadScripts>>][] = [];
  for (const [label, path] of [
    ["/leads/[id]", `/leads/${leadId}`],
    ["/leads", "/leads"],
    ["/", "/"],
  ] as const) {
    const scripts = await firstLoadScripts(base, DEMO_USERS.agent.email, PASSWORD, path);
    const bytes = scripts.reduce((a, s) => a + s.bytes, 0);
    const gzip = scripts.reduce((a, s) => a + s.gzip, 0);
    console.log(`| ${label} | ${scripts.length} | ${kib(bytes)} | ${kib(gzip)} |`);
    lists.push([label, scripts]);
  }
  if (process.env.FRONTEND_BENCH_FILES) {
    for (const [label, scripts] of lists) {
      console.log(`\n${label}`);
      for (const s of [...scripts].sort((a, b) => b.gzip - a.gzip)) console.log(`  ${kib(s.gzip).padStart(6)}  ${new URL(s.url).pathname}`);
    }
  }
} finally {
  await stopServer(app);
}
