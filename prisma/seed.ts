// `npm run db:seed`: demo users and leads on an empty database. Never in production unless asked,
// and then never with the published default password.
import { openDatabase } from "../lib/db/client";
import { databaseTarget } from "../lib/db/target";
import { DEFAULT_DEMO_PASSWORD, demoPassword, env, isOn } from "../lib/env";
import { isDatabaseEmpty, seedDemoData } from "../lib/seed/demo";

if (env.NODE_ENV === "production") {
  if (!isOn(env.SEED_DEMO_DATA)) {
    console.log("NODE_ENV=production: demo data is not seeded (set SEED_DEMO_DATA=1 to force).");
    process.exit(0);
  }
  if (!env.DEMO_PASSWORD || env.DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD) {
    console.error("Refusing to seed demo users in production with the default password: set DEMO_PASSWORD to a strong password.");
    process.exit(1);
  }
}
const handle = openDatabase(databaseTarget());
try {
  if (!(await isDatabaseEmpty(handle.db))) {
    console.log("The database already has users: nothing seeded.");
  } else {
    await seedDemoData(handle.db, { password: demoPassword });
    const password = demoPassword === DEFAULT_DEMO_PASSWORD ? DEFAULT_DEMO_PASSWORD : "from DEMO_PASSWORD";
    console.log(`Seeded demo users (admin@, manager@, agent@, agent2@demo.local) and leads. Password: ${password}`);
  }
} finally {
  await handle.close();
}
