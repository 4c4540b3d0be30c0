import { migrateDatabase } from "../lib/db/migrate";
import { databaseTarget } from "../lib/db/target";

const target = databaseTarget();
const applied = await migrateDatabase(target);
const where = "databaseUrl" in target ? "PostgreSQL" : `PGlite (${target.pgliteDir})`;
console.log(
  applied.length ? `Applied ${applied.length} migration(s) on ${where}: ${applied.join(", ")}` : `No pending migrations on ${where}.`,
);
