// The driver path for hot statements (lib/db/client.ts query): a statement asked to be prepared is
// planned once per connection under a name from its text, only where the target allows it.
import { afterAll, describe, expect, it } from "vitest";
import { database } from "@/lib/db";
import { type DatabaseHandle, openDatabase } from "@/lib/db/client";

const opened: DatabaseHandle[] = [];
afterAll(async () => {
  for (const h of opened) await h.close();
});

/** A second handle on this worker's PostgreSQL database. Sequential queries reuse its one pooled connection. */
function handle(preparedStatements: boolean) {
  const h = openDatabase({ databaseUrl: database().databaseUrl!, preparedStatements });
  opened.push(h);
  return h;
}

const prepared = (h: DatabaseHandle) =>
  h.query<{ name: string; statement: string }>("SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'crm_%'", []);

describe.runIf(!database().pglite)("prepared statements on PostgreSQL", () => {
  it("names a statement by its text: the same text one statement, another text another, results as unnamed", async () => {
    const h = handle(true);
    const one = "SELECT $1::int + 1 AS n";
    const other = "SELECT $1::int * 2 AS n";
    expect(await h.query<{ n: number }>(one, [1], { prepare: true })).toEqual([{ n: 2 }]);
    expect(await h.query<{ n: number }>(one, [41], { prepare: true })).toEqual([{ n: 42 }]);
    expect(await h.query<{ n: number }>(other, [21], { prepare: true })).toEqual([{ n: 42 }]);
    // Timestamps come back as UTC, as on the unnamed path.
    const [at] = await h.query<{ at: Date }>("SELECT $1::timestamp AS at", [new Date("2026-12-05T10:00:00Z")], { prepare: true });
    expect(at!.at.toISOString()).toBe("2026-12-05T10:00:00.000Z");
    const names = await prepared(h);
    expect(names.map((r) => r.statement).sort()).toEqual([one, other, "SELECT $1::timestamp AS at"].sort());
    expect(new Set(names.map((r) => r.name)).size).toBe(3);
  });

  it("prepares nothing where the target does not allow it (the embedded database's shared backend, a pooler)", async () => {
    const h = handle(false);
    expect(await h.query<{ n: number }>("SELECT $1::int - 1 AS n", [43], { prepare: true })).toEqual([{ n: 42 }]);
    expect(await prepared(h)).toEqual([]);
  });
});
