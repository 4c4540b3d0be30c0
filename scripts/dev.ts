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
// The address the browser uses: sign-in checks the Origin against it, so another PORT needs no more settings.
env.APP_URL ||= `http://localhost:${port}`;
// The simulators sit beside the app's port (4010 and 4011 for 3000), so two dev servers on one machine do not clash.
const offset = Number(port) - 3000;
const simPorts = offset > 0 && offset < 20_000 ? [4010 + offset * 2, 4011 + offset * 2] : [4010, 4011];
const { env: smartfloEnv, sim } = await simulatorEnv({
  appPort: port,
  simPort: Number(process.env.SIM_PORT ?? simPorts[0]),
  timeScale: Number(process.env.SIM_TIME_SCALE ?? 1),
  env,
});
const leadSources = await leadSourcesEnv({ appPort: port, simPort: Number(process.env.LEAD_SIM_PORT ?? simPorts[1]), env });
const code = await run("npx", ["next", "dev", "-p", port], { ...env, ...smartfloEnv, ...leadSources.env });
await sim?.stop();
await leadSources.sim?.stop();
await database.exit(code);
