// `npm run smartflo:reconcile -- --since 2026-11-01 [--until 2026-11-02]`: fills in calls whose
// webhooks never arrived from Smartflo's call records. Safe to run again.
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { since: { type: "string" }, until: { type: "string" } } });
if (!values.since) {
  console.error("usage: npm run smartflo:reconcile -- --since <date> [--until <date>]");
  process.exit(2);
}
const { parseRange, reconcileRange } = await import("../lib/smartflo/reconcile");
const { database } = await import("../lib/db");
try {
  const { from, to } = parseRange({ from: values.since, to: values.until });
  console.log(`Syncing Smartflo calls from ${from.toISOString()} to ${to.toISOString()}…`);
  const result = await reconcileRange(from, to, (p) =>
    console.log(`  ${p.processed}/${p.total ?? "?"} records: ${p.created} created, ${p.updated} updated, ${p.unmatched} unmatched`),
  );
  console.log(
    `Done: ${result.processed} records, ${result.created} calls created, ${result.updated} updated, ${result.unmatched} unmatched.`,
  );
} catch (error) {
  console.error(`Sync failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database().close();
}
