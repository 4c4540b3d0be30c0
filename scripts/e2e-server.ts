// The app for Playwright: a throwaway embedded database (never a developer's data), migrated and
// seeded, the Smartflo simulator (time compressed), served by the production build
// (`next build` runs before the tests; E2E_DEV=1 uses `next dev`).
import { rmSync } from "node:fs";
import { run } from "./lib";
import { simulatorEnv } from "./with-simulator";

const port = process.env.E2E_PORT ?? "3100";
const dir = ".data/e2e";
rmSync(dir, { recursive: true, force: true });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PGLITE_DIR: dir,
  DATABASE_URL: "",
  APP_URL: `http://localhost:${port}`,
  NODE_ENV: "production",
  SEED_DEMO_DATA: "1",
  BETTER_AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123",
  SMARTFLO_WEBHOOK_TOKEN: "e2e-webhook-token-0123456789",
  SMARTFLO_API_TOKEN: "",
  SMARTFLO_EMAIL: "",
  SMARTFLO_PASSWORD: "",
};
for (const script of ["scripts/migrate.ts", "prisma/seed.ts"]) {
  const code = await run(process.execPath, ["--import", "tsx", script], env);
  if (code !== 0) process.exit(code);
}
const { env: smartfloEnv, sim } = await simulatorEnv({ appPort: port, simPort: Number(process.env.E2E_SIM_PORT ?? 4110), timeScale: Number(process.env.E2E_SIM_SCALE ?? 0.2), env });
const mode = process.env.E2E_DEV === "1" ? ["dev"] : ["start"];
const code = await run("npx", ["next", ...mode, "-p", port], { ...env, ...smartfloEnv });
await sim?.stop();
process.exit(code);
