// The app for Playwright: a throwaway embedded database (never a developer's data), migrated and
// seeded, served by the production build (`next build` runs before the tests).
import { rmSync } from "node:fs";
import { run } from "./lib";

const port = process.env.E2E_PORT ?? "3100";
const dir = ".data/e2e";
rmSync(dir, { recursive: true, force: true });
const env = {
  ...process.env,
  PGLITE_DIR: dir,
  DATABASE_URL: "",
  APP_URL: `http://localhost:${port}`,
  NODE_ENV: "production" as const,
  SEED_DEMO_DATA: "1",
  BETTER_AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123",
};
for (const script of ["scripts/migrate.ts", "prisma/seed.ts"]) {
  const code = await run(process.execPath, ["--import", "tsx", script], env);
  if (code !== 0) process.exit(code);
}
const mode = process.env.E2E_DEV === "1" ? ["dev"] : ["start"];
process.exit(await run("npx", ["next", ...mode, "-p", port], env));
