// The app for Playwright: a throwaway embedded database (never a developer's data), migrated and
// seeded, the Smartflo simulator (time compressed), served by the production build
// (`next build` runs before the tests; E2E_DEV=1 uses `next dev`).
import { rmSync } from "node:fs";
import { E2E_PORT, E2E_SIM_PORT, PASSWORD, WEBHOOK_TOKEN } from "../e2e/env";
import { run, SERVER_SCRIPT } from "./lib";
import { leadSourcesEnv } from "./with-lead-sources";
import { simulatorEnv } from "./with-simulator";

const port = String(E2E_PORT);
const dir = `.data/e2e-${port}`;
rmSync(dir, { recursive: true, force: true });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PGLITE_DIR: dir,
  DATABASE_URL: "",
  APP_URL: `http://localhost:${port}`,
  NODE_ENV: "production",
  SEED_DEMO_DATA: "1",
  DEMO_PASSWORD: PASSWORD,
  ALLOW_INSECURE_HTTP: "1",
  // The outgoing-webhooks spec runs its receiver on this machine.
  OUTGOING_WEBHOOKS_ALLOW_PRIVATE: "1",
  BETTER_AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123",
  SMARTFLO_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
  SMARTFLO_API_TOKEN: "",
  SMARTFLO_EMAIL: "",
  SMARTFLO_PASSWORD: "",
};
for (const script of ["scripts/migrate.ts", "prisma/seed.ts"]) {
  const code = await run(process.execPath, [...SERVER_SCRIPT, script], env);
  if (code !== 0) process.exit(code);
}
const { env: smartfloEnv, sim } = await simulatorEnv({
  appPort: port,
  simPort: E2E_SIM_PORT,
  timeScale: Number(process.env.E2E_SIM_SCALE ?? 0.2),
  env,
});
// The production server as `npm start` runs it (scripts/server.ts), or `next dev` with E2E_DEV=1.
const leadSources = await leadSourcesEnv({ appPort: port, simPort: E2E_SIM_PORT + 1, env });
const appEnv = { ...env, ...smartfloEnv, ...leadSources.env, PORT: port };
const code =
  process.env.E2E_DEV === "1"
    ? await run("npx", ["next", "dev", "-p", port], { ...appEnv, NODE_ENV: "development" })
    : await run(process.execPath, ["--import", "tsx", "scripts/server.ts"], appEnv);
await sim?.stop();
await leadSources.sim?.stop();
process.exit(code);
