// The lead-source report's routes with real better-auth sessions: who may read it and enter spend,
// what bad input is named, and the CSV file.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseCsv } from "@/lib/leads/csv";
import { last10Digits } from "@/lib/phone";
import { istDay } from "@/lib/time/india";
import { makeUser, TEST_PASSWORD, uniquePhone } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import * as reportRoute from "./route";
import * as spendRoute from "./spend/route";

const letters = (n = 12) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");

async function session(role: "AGENT" | "MANAGER" | "ADMIN") {
  const { user } = await makeUser({ role });
  return signIn(user.email, TEST_PASSWORD);
}

describe("/api/v1/reports/lead-sources", () => {
  it("answers 401 without a session and 403 to an agent", async () => {
    expect((await call(reportRoute.GET, { path: "/api/v1/reports/lead-sources" })).status).toBe(401);
    const agent = await call(reportRoute.GET, { path: "/api/v1/reports/lead-sources", cookie: await session("AGENT") });
    expect(agent.status).toBe(403);
    expect(agent.json.error.code).toBe("FORBIDDEN");
  });

  it.each([
    ["from=2025-02-30", "from"],
    ["from=yesterday", "from"],
    ["from=2025-03-02&to=2025-03-01", "to"],
    ["format=xlsx", "format"],
  ])("refuses ?%s naming %s", async (qs, field) => {
    const res = await call(reportRoute.GET, { path: `/api/v1/reports/lead-sources?${qs}`, cookie: await session("MANAGER") });
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.error.fields)).toEqual([field]);
  });

  it("covers this month in India time by default", async () => {
    const res = await call(reportRoute.GET, { path: "/api/v1/reports/lead-sources", cookie: await session("MANAGER") });
    expect(res.status).toBe(200);
    expect(res.json.from).toBe(`${istDay().slice(0, 7)}-01`);
    expect(res.json).toMatchObject({ spendShown: false, timeZone: "Asia/Kolkata" });
  });

  it("takes spend from admins only, shows it in the report, and sends the CSV file", async () => {
    const admin = await session("ADMIN");
    const source = `Src ${letters()}`;
    const spend = (cookie: string, body: unknown) =>
      call(spendRoute.PUT, { path: "/api/v1/reports/lead-sources/spend", method: "PUT", cookie, body });

    expect((await spend(await session("MANAGER"), { source, month: "2025-06", amountRupees: 100 })).status).toBe(403);
    const bad = await spend(admin, { source, month: "June", amountRupees: -5 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["amountRupees", "month"]);
    const saved = await spend(admin, { source, month: "2025-06", amountRupees: 3000 });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ source, month: "2025-06", amountRupees: 3000 });

    // Two leads in June 2025 (India time), one won after a call 15 minutes in.
    for (const [at, status] of [
      ["2025-06-10T10:00:00+05:30", "WON"],
      ["2025-06-30T23:30:00+05:30", "NEW"],
    ] as const) {
      const phone = uniquePhone();
      const lead = await db.lead.create({
        data: { name: "Ravi", phone, phoneLast10: last10Digits(phone), source, status, createdAt: new Date(at) },
      });
      if (status === "WON") {
        const placed = new Date(new Date(at).getTime() + 15 * 60_000);
        await db.call.create({
          data: { leadId: lead.id, direction: "OUTBOUND", status: "COMPLETED", startedAt: placed, answeredAt: placed, talkSeconds: 60 },
        });
      }
    }
    const path = "/api/v1/reports/lead-sources?from=2025-06-01&to=2025-06-30";
    const json = await call(reportRoute.GET, { path, cookie: admin });
    expect(json.status).toBe(200);
    expect(json.json.rows.find((r: { source: string }) => r.source === source)).toEqual({
      source,
      leads: 2,
      duplicates: 0,
      contacted: 1,
      medianMinutesToFirstCall: 15,
      neverCalled: 1,
      qualified: 1,
      won: 1,
      spendRupees: 3000,
      costPerLead: 1500,
      costPerWon: 3000,
    });
    expect(json.json.spend).toContainEqual({ source, month: "2025-06", amountRupees: 3000 });

    const csv = await call(reportRoute.GET, { path: `${path}&format=csv`, cookie: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="lead-sources-2025-06-01-to-2025-06-30.csv"');
    const lines = parseCsv(csv.text);
    expect(lines[0]?.[0]).toBe("source");
    expect(lines.find((l) => l[0] === source)).toEqual([source, "2", "0", "1", "15", "1", "1", "1", "3000.00", "1500.00", "3000.00"]);
    expect(lines.at(-1)?.[0]).toBe("Total");

    // 0 removes the month's spend.
    expect((await spend(admin, { source, month: "2025-06", amountRupees: 0 })).json.amountRupees).toBe(0);
    const after = await call(reportRoute.GET, { path, cookie: admin });
    expect(after.json.rows.find((r: { source: string }) => r.source === source)).toMatchObject({ spendRupees: null, costPerLead: null });
  });
});
