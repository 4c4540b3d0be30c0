// `npm run db:migrate` (and the first step of `npm start`): checks the environment, then applies
// pending migrations and the database functions (prisma/functions).
await import("../lib/env").catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
const { databaseTarget } = await import("../lib/db/target");
const { migrateDatabase } = await import("../lib/db/migrate");

const target = databaseTarget();
const applied = await migrateDatabase(target);
const where = "databaseUrl" in target ? "PostgreSQL" : `PGlite (${target.pgliteDir})`;
console.log(
  applied.length ? `Applied ${applied.length} migration(s) on ${where}: ${applied.join(", ")}` : `No pending migrations on ${where}.`,
);

export {};
