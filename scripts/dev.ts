// `npm run dev`: migrate, seed an empty database, start the Smartflo simulator when no Smartflo
// credentials are set, then Next.js. Works on a fresh machine with nothing configured: without
// DATABASE_URL the embedded database (PGlite) runs in a process of its own (lib/db/embedded) and
// everything, Next.js included, connects to it as to PostgreSQL.
import { ensurePrismaClient, run, SERVER_SCRIPT } from "./lib";
import { withDatabase } from "./with-database";

ensurePrismaClient();
const { migrateDatabase } = await import("../lib/db/migrate");
const { simulatorEnv } = await import("./with-simulator");
const { leadSourcesEnv } = await import("./with-lead-sources");
const database = await withDatabase();
const env = { ...process.env, ...database.env };
const applied = await migrateDatabase({ databaseUrl: env.DATABASE_URL! });
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

const seedCode = await run(process.execPath, [...SERVER_SCRIPT, "prisma/seed.ts"], env);
if (seedCode !== 0) await database.exit(seedCode);

const port = process.env.PORT ?? "3000";
const { env: smartfloEnv, sim } = await simulatorEnv({
  appPort: port,
  simPort: Number(process.env.SIM_PORT ?? 4010),
  timeScale: Number(process.env.SIM_TIME_SCALE ?? 1),
  env,
});
const leadSources = await leadSourcesEnv({ appPort: port, simPort: Number(process.env.LEAD_SIM_PORT ?? 4011), env });
const code = await run("npx", ["next", "dev", "-p", port], { ...env, ...smartfloEnv, ...leadSources.env });
await sim?.stop();
await leadSources.sim?.stop();
await database.exit(code);
