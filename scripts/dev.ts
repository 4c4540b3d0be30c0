// `npm run dev`: migrate, seed an empty database, then start Next.js. Works on a fresh machine
// with nothing configured (embedded PGlite in .data/).
import { ensurePrismaClient, run } from "./lib";

ensurePrismaClient();
const { databaseTarget } = await import("../lib/db/target");
const { migrateDatabase } = await import("../lib/db/migrate");
const target = databaseTarget();
const applied = await migrateDatabase(target);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

// PGlite is one process: the seed runs and closes before the dev server opens the folder.
const seedCode = await run(process.execPath, ["--import", "tsx", "prisma/seed.ts"]);
if (seedCode !== 0) process.exit(seedCode);

const port = process.env.PORT ?? "3000";
process.exit(await run("npx", ["next", "dev", "-p", port], { ...process.env }));
