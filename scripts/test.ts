// `npm test`: every tier. Types, unit + service/route tests (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set), then the production build and the Playwright e2e suite in Chromium.
import { ensurePrismaClient, run, SERVER_SCRIPT } from "./lib";

const steps: [string, string, string[], NodeJS.ProcessEnv?][] = [
  ["lint", "npm", ["run", "--silent", "lint"]],
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["vitest", "npx", ["vitest", "run"]],
  ["chromium", process.execPath, ["--import", "tsx", "scripts/ensure-chromium.ts"]],
  ["build", "npx", ["next", "build"], { ...process.env, NODE_ENV: "production" }],
  ["e2e", "npx", ["playwright", "test", "-c", "e2e/playwright.config.ts"]],
  // Two production servers on one PostgreSQL: a webhook on A reaches a live stream on B (needs TEST_DATABASE_URL).
  ["cluster", process.execPath, [...SERVER_SCRIPT, "scripts/test/two-servers.ts"]],
  // 100,000 webhook deliveries against one production server with PostgreSQL restarted midway: the
  // proxy step below does all of it and more, so this runs only when named (TEST_ONLY=burst).
  ["burst", process.execPath, [...SERVER_SCRIPT, "scripts/reliability-burst.ts"]],
  // Two production servers behind nginx: 100,000 webhook deliveries and 200 live streams with one server
  // SIGKILLed and PostgreSQL restarted midway (`npm run test:cluster` alone).
  ["proxy", process.execPath, [...SERVER_SCRIPT, "scripts/cluster/run.ts"]],
];
/** Steps `npm test` runs only when TEST_ONLY names them. */
const onlyWhenNamed = new Set(["burst"]);
const only = process.env.TEST_ONLY?.split(",");

ensurePrismaClient();
for (const [name, cmd, args, env] of steps) {
  if (only ? !only.includes(name) : onlyWhenNamed.has(name)) continue;
  if ((name === "burst" || name === "cluster" || name === "proxy") && !process.env.TEST_DATABASE_URL) {
    console.log(`\n▶ ${name} skipped: set TEST_DATABASE_URL to a local PostgreSQL it may restart (CI does)`);
    continue;
  }
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const code = await run(cmd, args, env);
  console.log(`${code === 0 ? "✔" : "✘"} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (code !== 0) process.exit(code);
}
