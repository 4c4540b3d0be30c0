// `npm run db:seed`: demo users and leads on an empty database. Never in production unless asked.
import { openDatabase } from "../lib/db/client";
import { databaseTarget } from "../lib/db/target";
import { env } from "../lib/env";
import { isDatabaseEmpty, seedDemoData } from "../lib/seed/demo";

const forced = env.SEED_DEMO_DATA === "1" || env.SEED_DEMO_DATA === "true";
if (env.NODE_ENV === "production" && !forced) {
  console.log("NODE_ENV=production: demo data is not seeded (set SEED_DEMO_DATA=1 to force).");
  process.exit(0);
}
const handle = openDatabase(databaseTarget());
try {
  if (!(await isDatabaseEmpty(handle.db))) {
    console.log("The database already has users: nothing seeded.");
  } else {
    await seedDemoData(handle.db, { password: env.DEMO_PASSWORD });
    console.log(`Seeded demo users (admin@, manager@, agent@, agent2@demo.local) and leads. Password: ${env.DEMO_PASSWORD === "demo-password" ? "demo-password" : "from DEMO_PASSWORD"}`);
  }
} finally {
  await handle.close();
}
