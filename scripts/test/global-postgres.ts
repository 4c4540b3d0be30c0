// Drops the per-worker test databases (crm_test_<pool>_<pid>, scripts/test/setup-db.ts) whose worker
// process is gone: this run's at its end, and any a killed run left behind. A database whose worker
// still runs belongs to another run on this machine (two checkouts testing at once) and is left alone:
// dropping it "with (force)" failed that run's tests with "database does not exist".
import pg from "pg";
import { alive } from "../../lib/db/embedded/lock";

async function dropTestDatabases() {
  const url = process.env.TEST_DATABASE_URL!;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like 'crm_test_%'");
    for (const { datname } of rows) {
      const pid = Number(/^crm_test_\w+?_(\d+)$/.exec(datname)?.[1]);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) continue;
      await client.query(`drop database if exists "${datname}" with (force)`);
    }
  } finally {
    await client.end();
  }
}

export async function setup() {
  await dropTestDatabases();
}

export async function teardown() {
  await dropTestDatabases();
}
