// `npm run dev`: migrate, seed an empty database, start the Smartflo simulator when no Smartflo
// credentials are set, then Next.js. Works on a fresh machine with nothing configured.
import { ensurePrismaClient, run, SERVER_SCRIPT } from "./lib";

ensurePrismaClient();
const { databaseTarget } = await import("../lib/db/target");
const { migrateDatabase } = await import("../lib/db/migrate");
const { simulatorEnv } = await import("./with-simulator");
const target = databaseTarget();
const applied = await migrateDatabase(target);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

// PGlite is one process: the seed runs and closes before the dev server opens the folder.
const seedCode = await run(process.execPath, [...SERVER_SCRIPT, "prisma/seed.ts"]);
if (seedCode !== 0) process.exit(seedCode);

const port = process.env.PORT ?? "3000";
const { env: smartfloEnv, sim } = await simulatorEnv({
  appPort: port,
  simPort: Number(process.env.SIM_PORT ?? 4010),
  timeScale: Number(process.env.SIM_TIME_SCALE ?? 1),
  env: process.env,
});
const code = await run("npx", ["next", "dev", "-p", port], { ...process.env, ...smartfloEnv });
await sim?.stop();
process.exit(code);
