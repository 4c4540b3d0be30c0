// CSV import and export of leads, through the real routes.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/v1/leads/export/route";
import * as importRoute from "@/app/api/v1/leads/import/route";
import { db } from "@/lib/db";
import { parseCsv, readImportFile } from "@/lib/leads/csv";
import { importLeads } from "@/lib/leads/import";
import { makeLead, makeUser, TEST_PASSWORD, uniquePhone } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";

describe("CSV import and export", () => {
  it("reads quoted CSV, semicolons, a BOM and CRLF", () => {
    expect(parseCsv('\ufeffname;phone\r\n"Rao, ""Sr""";98450 12345\r\n')).toEqual([
      ["name", "phone"],
      ['Rao, "Sr"', "98450 12345"],
    ]);
    expect(readImportFile("Full Name,Mobile\nA,1").rows).toEqual([{ line: 2, name: "A", phone: "1", email: undefined, source: undefined }]);
    expect(readImportFile("foo,bar\n1,2").error).toMatch(/missing: name, phone/);
  });

  it("reports every row (bad phone, bad email, duplicate in file or CRM), creates only the good ones, never twice", async () => {
    const { actor: manager } = await makeUser({ role: "MANAGER" });
    const existing = await makeLead();
    const p1 = uniquePhone();
    const p2 = uniquePhone();
    const rows = [
      { line: 2, name: "Good One", phone: p1.slice(3) },
      { line: 3, name: "Bad Phone", phone: "12345" },
      { line: 4, name: "", phone: uniquePhone() },
      { line: 5, name: "Same As Line 2", phone: `+91 ${p1.slice(3, 8)} ${p1.slice(8)}` },
      { line: 6, name: "In CRM", phone: existing.phone },
      { line: 7, name: "Bad Email", phone: uniquePhone(), email: "not-an-email" },
      { line: 8, name: "Good Two", phone: p2, email: "Two@Example.com" },
    ];
    const dry = await importLeads({ actor: manager, input: { rows, dryRun: true } });
    expect(dry).toMatchObject({ rows: 7, ok: 2, invalid: 3, duplicate: 2, created: 0 });
    expect(dry.reports.map((r) => [r.line, r.status])).toEqual([
      [2, "ok"],
      [3, "invalid"],
      [4, "invalid"],
      [5, "duplicate"],
      [6, "duplicate"],
      [7, "invalid"],
      [8, "ok"],
    ]);
    expect(dry.reports[1]!.errors!.phone).toMatch(/not a valid phone/);
    expect(dry.reports[3]!.duplicateOfLine).toBe(2);
    expect(dry.reports[4]!.existingLeadId).toBe(existing.id);
    expect(await db.lead.count({ where: { phone: { in: [p1, p2] } } })).toBe(0);

    const done = await importLeads({ actor: manager, input: { rows, dryRun: false } });
    expect(done.created).toBe(2);
    const made = await db.lead.findMany({ where: { phone: { in: [p1, p2] } }, orderBy: { name: "asc" } });
    expect(made.map((l) => [l.name, l.email, l.source])).toEqual([
      ["Good One", null, "CSV import"],
      ["Good Two", "two@example.com", "CSV import"],
    ]);
    expect(await db.activity.count({ where: { leadId: { in: made.map((l) => l.id) }, type: "LEAD_CREATED" } })).toBe(2);
    // The browser re-sends a chunk after a network error: nothing is created twice.
    const again = await importLeads({ actor: manager, input: { rows, dryRun: false } });
    expect(again).toMatchObject({ created: 0, ok: 0, duplicate: 4 });
  });

  it("imports 10,000 rows in one dry run and in 500-row chunks", async () => {
    const { actor: admin } = await makeUser({ role: "ADMIN" });
    const base = 6_100_000_000 + Math.floor(Math.random() * 1000) * 10_000;
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ line: i + 2, name: `Bulk ${i}`, phone: String(base + i) }));
    const dry = await importLeads({ actor: admin, input: { rows, dryRun: true } });
    expect(dry.ok).toBe(10_000);
    let created = 0;
    for (let i = 0; i < rows.length; i += 500)
      created += (await importLeads({ actor: admin, input: { rows: rows.slice(i, i + 500), dryRun: false } })).created;
    expect(created).toBe(10_000);
  }, 120_000);

  it("is for managers and admins; answers 4xx naming the field for bad bodies", async () => {
    const { user: agent } = await makeUser();
    const { user: manager } = await makeUser({ role: "MANAGER" });
    const agentCookie = await signIn(agent.email, TEST_PASSWORD);
    expect(
      (
        await call(importRoute.POST, {
          path: "/api/v1/leads/import",
          method: "POST",
          cookie: agentCookie,
          body: { rows: [{ line: 2, name: "x", phone: "9845012345" }] },
        })
      ).status,
    ).toBe(404);
    const cookie = await signIn(manager.email, TEST_PASSWORD);
    const bad = await call(importRoute.POST, { path: "/api/v1/leads/import", method: "POST", cookie, body: { rows: "nope" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields.rows).toBeTruthy();
  });

  it("exports the actor's filtered leads as CSV, neutralising spreadsheet formulas", async () => {
    const { user: agent } = await makeUser();
    const { user: other } = await makeUser();
    const tag = randomUUID().slice(0, 6);
    await makeLead({ ownerId: agent.id, name: `=HYPERLINK("x") ${tag}` });
    await makeLead({ ownerId: agent.id, name: `Plain, Name ${tag}` });
    await makeLead({ ownerId: other.id, name: `Not Mine ${tag}` });
    const cookie = await signIn(agent.email, TEST_PASSWORD);
    const res = await call(exportRoute.GET, { path: `/api/v1/leads/export?q=${tag}`, cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const table = parseCsv(res.text);
    expect(table[0]).toEqual([
      "id",
      "name",
      "phone",
      "email",
      "source",
      "status",
      "owner",
      "last_contacted_at",
      "created_at",
      "updated_at",
    ]);
    expect(
      table
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual([`'=HYPERLINK("x") ${tag}`, `Plain, Name ${tag}`]);
  });
});
