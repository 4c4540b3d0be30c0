// Custom lead fields end to end: admins define them; every path that writes a lead checks values
// with the one runtime-built schema (the lead API, an API key's intake, a lead source's delivery, CSV
// import); the list filters on them (in the URL) on PGlite and PostgreSQL; CSV export carries them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as apiKeysRoute from "@/app/api/v1/api-keys/route";
import * as fieldRoute from "@/app/api/v1/custom-fields/[id]/route";
import * as fieldsRoute from "@/app/api/v1/custom-fields/route";
import * as intakeRoute from "@/app/api/v1/intake/[sourceId]/route";
import * as sourceRoute from "@/app/api/v1/lead-sources/[id]/route";
import * as sourcesRoute from "@/app/api/v1/lead-sources/route";
import * as leadRoute from "@/app/api/v1/leads/[id]/route";
import * as exportRoute from "@/app/api/v1/leads/export/route";
import * as importRoute from "@/app/api/v1/leads/import/route";
import * as leadsRoute from "@/app/api/v1/leads/route";
import { uniquePhone } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { session } from "@/scripts/test/sessions";
import { db } from "../db";

// Keys unique to this run: the database is shared with the worker's other files.
// Letters only: a search for the tag must not also match phone numbers by its digits.
const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
const run = letters(4);
let tag = "";
const k = (name: string) => `${name}_${tag}`;
beforeEach(() => {
  tag = `${run}${letters(2)}`;
});

async function defineFields(cookie: string) {
  const made: Record<string, string> = {};
  const defs = [
    { key: k("city"), label: `City ${tag}`, type: "SELECT", options: ["Pune", "Mumbai", "Nagpur"] },
    { key: k("budget"), label: `Budget ${tag}`, type: "NUMBER" },
    { key: k("languages"), label: `Languages ${tag}`, type: "MULTI_SELECT", options: ["Hindi", "Marathi", "English"] },
    { key: k("visit"), label: `Site visit ${tag}`, type: "DATE" },
    { key: k("loan"), label: `Needs a loan ${tag}`, type: "CHECKBOX" },
    { key: k("project"), label: `Project ${tag}`, type: "TEXT", required: true },
  ];
  for (const def of defs) {
    const res = await call(fieldsRoute.POST, { path: "/api/v1/custom-fields", cookie, body: def });
    expect(res.status, res.text).toBe(201);
    made[def.key] = res.json.id;
  }
  return made;
}

// Definitions are global: a required one left behind would refuse every other file's new leads.
afterEach(async () => {
  await db.customField.deleteMany({ where: { key: { contains: `_${run}` } } });
});

describe("custom lead fields", () => {
  it("are defined by admins, checked on every write, archived rather than deleted while in use", async () => {
    const admin = await session("ADMIN");
    const agent = await session("AGENT");
    expect(
      (await call(fieldsRoute.POST, { path: "/api/v1/custom-fields", cookie: agent.cookie, body: { key: "x", label: "x", type: "TEXT" } }))
        .status,
    ).toBe(404);
    const bad = await call(fieldsRoute.POST, {
      path: "/api/v1/custom-fields",
      cookie: admin.cookie,
      body: { key: "Bad Key", label: "", type: "SELECT" },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["key", "label", "options"]);
    const ids = await defineFields(admin.cookie);
    const listed = await call(fieldsRoute.GET, { path: "/api/v1/custom-fields", cookie: agent.cookie });
    expect(listed.json.items.map((f: { key: string }) => f.key)).toEqual(expect.arrayContaining([k("city"), k("project")]));

    // Required on a person's create; kinds checked; unknown keys named.
    const missing = await call(leadsRoute.POST, { path: "/api/v1/leads", cookie: agent.cookie, body: { name: "A", phone: uniquePhone() } });
    expect(missing.status).toBe(422);
    expect(missing.json.error.fields[`fields.${k("project")}`]).toBeDefined();
    const wrong = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      cookie: agent.cookie,
      body: {
        name: "A",
        phone: uniquePhone(),
        fields: { [k("project")]: "Skyline", [k("city")]: "Delhi", [k("budget")]: "lots", [k("visit")]: "tomorrow", nope: 1 },
      },
    });
    expect(wrong.status).toBe(422);
    expect(Object.keys(wrong.json.error.fields).sort()).toEqual(
      [`fields.${k("budget")}`, `fields.${k("city")}`, `fields.${k("visit")}`, "fields.nope"].sort(),
    );
    expect(wrong.json.error.fields["fields.nope"]).toBe("is not a custom field");

    const made = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      cookie: agent.cookie,
      body: {
        name: "Anil Deshmukh",
        phone: uniquePhone(),
        fields: {
          [k("project")]: "Skyline",
          [k("city")]: "Pune",
          [k("budget")]: "4500000",
          [k("languages")]: ["Marathi", "Hindi", "Hindi"],
          [k("loan")]: true,
        },
      },
    });
    expect(made.status, made.text).toBe(201);
    expect(made.json.fields).toEqual({
      [k("project")]: "Skyline",
      [k("city")]: "Pune",
      [k("budget")]: 4500000,
      [k("languages")]: ["Marathi", "Hindi"],
      [k("loan")]: true,
    });
    const id = made.json.id as string;
    // How many leads hold a value: for admins, on request (it reads every lead).
    const usage = await call(fieldsRoute.GET, { path: "/api/v1/custom-fields?usage=true", cookie: admin.cookie });
    expect(usage.json.items.find((f: { key: string }) => f.key === k("budget")).leadsWithValue).toBe(1);
    expect((await call(fieldsRoute.GET, { path: "/api/v1/custom-fields?usage=true", cookie: agent.cookie })).status).toBe(404);
    expect(listed.json.items[0].leadsWithValue).toBeUndefined();
    const patch = (body: unknown) =>
      call(leadRoute.PATCH, { path: `/api/v1/leads/${id}`, method: "PATCH", cookie: agent.cookie, params: { id }, body });
    const changed = await patch({ fields: { [k("city")]: "Mumbai", [k("loan")]: null } });
    expect(changed.json.fields[k("city")]).toBe("Mumbai");
    expect(changed.json.fields[k("loan")]).toBeUndefined();
    expect(changed.json.fields[k("budget")]).toBe(4500000);
    expect((await patch({ fields: { [k("project")]: null } })).json.error.fields).toEqual({ [`fields.${k("project")}`]: "is required" });

    // In use: deleting is refused, archiving keeps the values and takes no new ones.
    const del = await call(fieldRoute.DELETE, { path: "/x", method: "DELETE", cookie: admin.cookie, params: { id: ids[k("budget")]! } });
    expect(del.status).toBe(409);
    await call(fieldRoute.PATCH, {
      path: "/x",
      method: "PATCH",
      cookie: admin.cookie,
      params: { id: ids[k("budget")]! },
      body: { archived: true },
    });
    expect((await patch({ fields: { [k("budget")]: 1 } })).json.error.fields).toEqual({
      [`fields.${k("budget")}`]: "is archived: it takes no new values",
    });
    expect((await call(leadRoute.GET, { path: "/x", cookie: agent.cookie, params: { id } })).json.fields[k("budget")]).toBe(4500000);
    const unused = await call(fieldRoute.DELETE, { path: "/x", method: "DELETE", cookie: admin.cookie, params: { id: ids[k("visit")]! } });
    expect(unused.status).toBe(204);
  });

  it("filter the lead list from the URL (also with a search), and travel through CSV export and import", async () => {
    const admin = await session("ADMIN");
    await defineFields(admin.cookie);
    const mk = (name: string, fields: Record<string, unknown>) =>
      call(leadsRoute.POST, {
        path: "/api/v1/leads",
        cookie: admin.cookie,
        body: { name, phone: uniquePhone(), fields: { [k("project")]: "P", ...fields } },
      });
    const first = await mk(`Pune Hindi ${tag}`, { [k("city")]: "Pune", [k("languages")]: ["Hindi", "English"] });
    expect(first.status, first.text).toBe(201);
    await mk(`Pune Marathi ${tag}`, { [k("city")]: "Pune", [k("languages")]: ["Marathi"] });
    await mk(`Mumbai Hindi ${tag}`, { [k("city")]: "Mumbai", [k("languages")]: ["Hindi"] });
    const names = async (qs: string) =>
      ((await call(leadsRoute.GET, { path: `/api/v1/leads?limit=100&${qs}`, cookie: admin.cookie })).json.items as { name: string }[])
        .map((l) => l.name)
        .filter((n) => n.endsWith(tag))
        .sort();
    expect(await names("")).toHaveLength(3);
    expect(await names(`f.${k("city")}=Pune`)).toEqual([`Pune Hindi ${tag}`, `Pune Marathi ${tag}`]);
    expect(await names(`f.${k("languages")}=Hindi`)).toEqual([`Mumbai Hindi ${tag}`, `Pune Hindi ${tag}`]);
    expect(await names(`f.${k("city")}=Pune&f.${k("languages")}=Hindi`)).toEqual([`Pune Hindi ${tag}`]);
    // A search goes through the SQL probe (the GIN index): the same answer.
    expect(await names(`q=${tag}&f.${k("city")}=Pune&f.${k("languages")}=Hindi`)).toEqual([`Pune Hindi ${tag}`]);
    const bad = await call(leadsRoute.GET, { path: `/api/v1/leads?f.${k("city")}=Delhi&f.nope=1`, cookie: admin.cookie });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual([`f.${k("city")}`, "f.nope"]);

    const csv = (await call(exportRoute.GET, { path: `/api/v1/leads/export?f.${k("city")}=Pune&q=${tag}`, cookie: admin.cookie })).text;
    const [header, ...lines] = csv
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(header!.split(",")).toEqual(expect.arrayContaining([k("city"), k("languages")]));
    expect(lines).toHaveLength(2);
    expect(csv).toContain("Hindi; English");

    const phone = uniquePhone();
    const imported = await call(importRoute.POST, {
      path: "/api/v1/leads/import",
      cookie: admin.cookie,
      body: {
        dryRun: false,
        rows: [
          {
            line: 2,
            name: `Imported ${tag}`,
            phone,
            fields: { [k("city")]: "Nagpur", [k("languages")]: "Hindi; Marathi", [k("budget")]: "55" },
          },
          { line: 3, name: `Bad ${tag}`, phone: uniquePhone(), fields: { [k("city")]: "Delhi" } },
        ],
      },
    });
    expect(imported.status, imported.text).toBe(200);
    expect(imported.json.reports[1]).toMatchObject({ status: "invalid", errors: { [`fields.${k("city")}`]: expect.any(String) } });
    const lead = await db.lead.findUniqueOrThrow({ where: { phone } });
    expect(lead.fields).toEqual({ [k("city")]: "Nagpur", [k("languages")]: ["Hindi", "Marathi"], [k("budget")]: 55 });
  });

  it("sort the lead list (numbers as numbers, leads without a value last), page after page", async () => {
    const admin = await session("ADMIN");
    await defineFields(admin.cookie);
    for (const [name, budget] of [
      ["Three hundred", 300],
      ["Five", 5],
      ["None", null],
      ["Forty", 40],
    ] as const)
      await call(leadsRoute.POST, {
        path: "/api/v1/leads",
        cookie: admin.cookie,
        body: {
          name: `${name} ${tag}`,
          phone: uniquePhone(),
          fields: { [k("project")]: "P", ...(budget === null ? {} : { [k("budget")]: budget }) },
        },
      });
    const walk = async (order: "asc" | "desc") => {
      const seen: string[] = [];
      let cursor = "";
      for (let i = 0; i < 5; i++) {
        const res = await call(leadsRoute.GET, {
          path: `/api/v1/leads?q=${tag}&limit=2&sort=f.${k("budget")}&order=${order}${cursor ? `&cursor=${cursor}` : ""}`,
          cookie: admin.cookie,
        });
        expect(res.status, res.text).toBe(200);
        expect(res.json.total).toBe(4);
        seen.push(...res.json.items.map((l: { name: string }) => l.name.replace(` ${tag}`, "")));
        if (!res.json.nextCursor) break;
        cursor = encodeURIComponent(res.json.nextCursor);
      }
      return seen;
    };
    expect(await walk("asc")).toEqual(["Five", "Forty", "Three hundred", "None"]);
    expect(await walk("desc")).toEqual(["Three hundred", "Forty", "Five", "None"]);
    const bad = await call(leadsRoute.GET, { path: "/api/v1/leads?sort=f.nope", cookie: admin.cookie });
    expect(bad.json.error.fields).toEqual({ sort: "is not a custom field" });
  });

  it("arrive through an API key and a lead source (mapped, or named like the field); a wrong kind is dropped, never the lead", async () => {
    const admin = await session("ADMIN");
    await defineFields(admin.cookie);
    const key = (
      await call(apiKeysRoute.POST, { path: "/api/v1/api-keys", cookie: admin.cookie, body: { name: `k ${tag}`, scopes: ["leads:write"] } })
    ).json.key;
    // Intake: a required field may be missing (the lead is never lost for it); kinds are still checked.
    const viaKey = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      headers: { authorization: `Bearer ${key}` },
      body: { name: "Zapier Person", phone: uniquePhone(), fields: { [k("city")]: "Pune" } },
    });
    expect(viaKey.status, viaKey.text).toBe(201);
    expect(viaKey.json.fields).toEqual({ [k("city")]: "Pune" });

    const source = (await call(sourcesRoute.POST, { path: "/api/v1/lead-sources", cookie: admin.cookie, body: { name: `Portal ${tag}` } }))
      .json;
    const refused = await call(sourceRoute.PATCH, {
      path: "/x",
      method: "PATCH",
      cookie: admin.cookie,
      params: { id: source.id },
      body: { mapping: { "fields.nope": "x" } },
    });
    expect(refused.json.error.fields).toEqual({ "mapping.fields.nope": "is not a custom field in use" });
    await call(sourceRoute.PATCH, {
      path: "/x",
      method: "PATCH",
      cookie: admin.cookie,
      params: { id: source.id },
      body: { mapping: { [`fields.${k("budget")}`]: "answers.budget_inr" } },
    });
    const url = new URL(source.url);
    const phone = uniquePhone();
    const res = await call(intakeRoute.POST, {
      path: url.pathname + url.search,
      method: "POST",
      params: { sourceId: source.id },
      headers: { "content-type": "application/json" },
      rawBody: JSON.stringify({
        name: "Portal Person",
        phone,
        answers: { budget_inr: "3500000" },
        [k("city")]: "Mumbai",
        [`Languages ${tag}`]: "Tamil",
      }),
    });
    expect(res.status, res.text).toBeLessThan(300);
    const lead = await db.lead.findUniqueOrThrow({
      where: { phone: (await db.leadPhone.findFirstOrThrow({ where: { last10: phone.slice(-10) } })).number },
    });
    expect(lead.fields).toEqual({ [k("budget")]: 3500000, [k("city")]: "Mumbai" });
  });
});
