// Drops the per-worker test databases a run leaves behind on the PostgreSQL server.
import pg from "pg";

async function dropTestDatabases() {
  const url = process.env.TEST_DATABASE_URL!;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like 'crm_test_%'");
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
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
