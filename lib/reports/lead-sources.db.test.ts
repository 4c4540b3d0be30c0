// The lead-source report against a real database: fixture leads, calls, repeat enquiries and spend
// under source names of their own (letters only; other files' rows share the worker's database),
// the expected numbers worked out here in plain JS over the fixture, then compared.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseCsv } from "@/lib/leads/csv";
import { last10Digits } from "@/lib/phone";
import { leadSourceReport, reportPeriod } from "@/lib/reports/lead-sources";
import { leadSourceReportCsv } from "@/lib/reports/lead-sources-csv";
import { leadSourceReportQuerySchema, sourceSpendSchema } from "@/lib/reports/schemas";
import { setSourceSpend } from "@/lib/reports/source-spend";
import { makeUser, uniquePhone } from "@/scripts/test/factories";

const letters = (n = 12) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
const sourceName = () => `Src ${letters()}`;
/** An instant given as India time. */
const ist = (s: string) => new Date(`${s}+05:30`);
const MIN = 60_000;

type Status = "NEW" | "CONTACTED" | "QUALIFIED" | "WON" | "LOST" | "UNREACHABLE";
interface FixtureCall {
  /** null: placed, no event from Smartflo yet (the row's own time counts). */
  startedAt: Date | null;
  createdAt: Date;
  answeredAt?: Date | null;
  talkSeconds?: number | null;
}
interface FixtureLead {
  source: string | null;
  ownerId: string | null;
  createdAt: Date;
  status: Status;
  erased?: boolean;
  isTest?: boolean;
  calls: FixtureCall[];
}
interface FixtureDelivery {
  source: string;
  receivedAt: Date;
  status: "ENQUIRED_AGAIN" | "CREATED" | "DUPLICATE";
  /** Index into the fixture's leads. */
  lead: number | null;
}

async function build(leads: FixtureLead[], deliveries: FixtureDelivery[]) {
  const ids: string[] = [];
  for (const l of leads) {
    const phone = uniquePhone();
    const lead = await db.lead.create({
      data: {
        name: `Lead ${letters(6)}`,
        phone,
        phoneLast10: last10Digits(phone),
        source: l.source,
        ownerId: l.ownerId,
        status: l.status,
        createdAt: l.createdAt,
        erasedAt: l.erased ? new Date() : null,
        isTest: l.isTest ?? false,
      },
    });
    ids.push(lead.id);
    for (const c of l.calls)
      await db.call.create({
        data: {
          leadId: lead.id,
          agentId: l.ownerId,
          direction: "OUTBOUND",
          status: c.answeredAt || c.talkSeconds ? "COMPLETED" : "MISSED",
          createdAt: c.createdAt,
          startedAt: c.startedAt,
          answeredAt: c.answeredAt ?? null,
          talkSeconds: c.talkSeconds ?? null,
        },
      });
  }
  const sourceIds = new Map<string, string>();
  for (const d of deliveries) {
    if (!sourceIds.has(d.source))
      sourceIds.set(d.source, (await db.leadSource.create({ data: { name: d.source, tokenHash: letters(64) } })).id);
    await db.leadDelivery.create({
      data: {
        sourceId: sourceIds.get(d.source)!,
        receivedAt: d.receivedAt,
        status: d.status,
        leadId: d.lead === null ? null : ids[d.lead]!,
      },
    });
  }
}

/** The report's numbers for one source, worked out independently over the fixture. */
function expected(
  fixture: { leads: FixtureLead[]; deliveries: FixtureDelivery[] },
  opts: { start: Date; end: Date; source: string | null | "ALL"; sees: (ownerId: string | null) => boolean; paise?: number },
) {
  const inPeriod = (t: Date) => t >= opts.start && t < opts.end;
  const ofSource = (s: string | null) => opts.source === "ALL" || s === opts.source;
  const leads = fixture.leads.filter((l) => ofSource(l.source) && inPeriod(l.createdAt) && !l.erased && !l.isTest && opts.sees(l.ownerId));
  const waits = leads
    .filter((l) => l.calls.length > 0)
    .map((l) => Math.max(0, Math.min(...l.calls.map((c) => (c.startedAt ?? c.createdAt).getTime())) - l.createdAt.getTime()) / 1000)
    .sort((a, b) => a - b);
  const mid = Math.floor(waits.length / 2);
  const median = waits.length === 0 ? null : waits.length % 2 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
  const won = leads.filter((l) => l.status === "WON").length;
  const paise = opts.paise;
  return {
    leads: leads.length,
    duplicates: fixture.deliveries.filter(
      (d) =>
        d.status === "ENQUIRED_AGAIN" &&
        ofSource(d.source) &&
        inPeriod(d.receivedAt) &&
        opts.sees(d.lead === null ? null : fixture.leads[d.lead]!.ownerId),
    ).length,
    contacted: leads.filter((l) => l.calls.some((c) => c.answeredAt || (c.talkSeconds ?? 0) > 0)).length,
    medianMinutesToFirstCall: median === null ? null : Math.round(median / 6) / 10,
    neverCalled: leads.filter((l) => l.calls.length === 0).length,
    qualified: leads.filter((l) => l.status === "QUALIFIED" || l.status === "WON").length,
    won,
    spendRupees: paise === undefined ? null : paise / 100,
    costPerLead: paise === undefined || leads.length === 0 ? null : Math.round(paise / leads.length) / 100,
    costPerWon: paise === undefined || won === 0 ? null : Math.round(paise / won) / 100,
  };
}

async function team() {
  const { user: manager, actor: managerActor } = await makeUser({ role: "MANAGER" });
  const { user: a1 } = await makeUser({ managerId: manager.id });
  const { user: a2 } = await makeUser({ managerId: manager.id });
  const { user: outsider } = await makeUser();
  const { actor: admin } = await makeUser({ role: "ADMIN" });
  const { actor: agent } = await makeUser();
  const teamIds = new Set([manager.id, a1.id, a2.id]);
  return { manager, managerActor, a1, a2, outsider, admin, agent, inTeam: (id: string | null) => id !== null && teamIds.has(id) };
}

/** February and March 2025 in India time, with leads on both edges and outside them. */
function fixtureFor(t: Awaited<ReturnType<typeof team>>) {
  const [a, b, c, d] = [sourceName(), sourceName(), sourceName(), sourceName()];
  const created = ist("2025-02-03T10:00:00");
  const leads: FixtureLead[] = [
    // 0: called after 30 min (no answer), then answered after 90: the first call counts, and it was contacted.
    {
      source: a,
      ownerId: t.a1.id,
      createdAt: created,
      status: "WON",
      calls: [
        { startedAt: new Date(created.getTime() + 30 * MIN), createdAt: new Date(created.getTime() + 30 * MIN), talkSeconds: 0 },
        {
          startedAt: new Date(created.getTime() + 90 * MIN),
          createdAt: new Date(created.getTime() + 90 * MIN),
          answeredAt: new Date(created.getTime() + 91 * MIN),
          talkSeconds: 120,
        },
      ],
    },
    // 1: talk time without an answer stamp still counts as contacted; 5 minutes' wait.
    {
      source: a,
      ownerId: t.a2.id,
      createdAt: ist("2025-02-28T23:50:00"),
      status: "QUALIFIED",
      calls: [{ startedAt: ist("2025-02-28T23:55:00"), createdAt: ist("2025-02-28T23:55:00"), talkSeconds: 40 }],
    },
    // 2: never called.
    { source: a, ownerId: t.a1.id, createdAt: ist("2025-03-15T12:00:00"), status: "NEW", calls: [] },
    // 3: another team's lead: admins count it, the manager does not.
    {
      source: a,
      ownerId: t.outsider.id,
      createdAt: ist("2025-03-02T09:00:00"),
      status: "WON",
      calls: [{ startedAt: ist("2025-03-03T09:00:00"), createdAt: ist("2025-03-03T09:00:00"), answeredAt: ist("2025-03-03T09:00:10") }],
    },
    // 4: the first minute of the period (IST); 5: the last minute before it.
    { source: a, ownerId: t.a1.id, createdAt: ist("2025-02-01T00:00:00"), status: "LOST", calls: [] },
    { source: a, ownerId: t.a1.id, createdAt: ist("2025-01-31T23:59:00"), status: "WON", calls: [] },
    // 6: erased; 7: a test lead — neither counts.
    { source: a, ownerId: t.a1.id, createdAt: ist("2025-02-10T10:00:00"), status: "WON", erased: true, calls: [] },
    { source: a, ownerId: t.a1.id, createdAt: ist("2025-02-10T10:00:00"), status: "WON", isTest: true, calls: [] },
    // 8: made by its own inbound call a minute earlier (a wait of 0), at the period's last minute.
    {
      source: b,
      ownerId: t.a2.id,
      createdAt: ist("2025-03-31T23:59:00"),
      status: "CONTACTED",
      calls: [{ startedAt: ist("2025-03-31T23:58:00"), createdAt: ist("2025-03-31T23:58:00"), answeredAt: ist("2025-03-31T23:58:05") }],
    },
    // 9: the first minute after the period.
    { source: b, ownerId: t.a2.id, createdAt: ist("2025-04-01T00:00:00"), status: "NEW", calls: [] },
    // 10: added by hand; its call has no start stamp yet (placed 10 minutes in, no event back).
    {
      source: null,
      ownerId: t.a1.id,
      createdAt: ist("2025-03-20T10:00:00"),
      status: "UNREACHABLE",
      calls: [{ startedAt: null, createdAt: ist("2025-03-20T10:10:00") }],
    },
    // 11: a 20 minutes' wait: the team's three waits (5, 20, 30) have 20 in the middle; with 3's day, (20 + 30) / 2.
    {
      source: a,
      ownerId: t.a2.id,
      createdAt: ist("2025-03-05T10:00:00"),
      status: "CONTACTED",
      calls: [{ startedAt: ist("2025-03-05T10:20:00"), createdAt: ist("2025-03-05T10:20:00"), answeredAt: ist("2025-03-05T10:20:07") }],
    },
  ];
  const deliveries: FixtureDelivery[] = [
    { source: a, receivedAt: ist("2025-02-20T10:00:00"), status: "ENQUIRED_AGAIN", lead: 0 },
    { source: a, receivedAt: ist("2025-03-31T23:59:59"), status: "ENQUIRED_AGAIN", lead: 1 },
    { source: a, receivedAt: ist("2025-03-10T10:00:00"), status: "ENQUIRED_AGAIN", lead: 3 },
    { source: a, receivedAt: ist("2025-04-01T00:00:00"), status: "ENQUIRED_AGAIN", lead: 0 },
    { source: a, receivedAt: ist("2025-02-20T10:00:00"), status: "CREATED", lead: 2 },
    { source: a, receivedAt: ist("2025-02-20T10:00:00"), status: "DUPLICATE", lead: 0 },
    // A source with repeat enquiries and no new leads in the period.
    { source: c, receivedAt: ist("2025-03-01T08:00:00"), status: "ENQUIRED_AGAIN", lead: 2 },
  ];
  return { a, b, c, d, leads, deliveries };
}

const PERIOD = { from: "2025-02-01", to: "2025-03-31" };
const START = ist("2025-02-01T00:00:00");
const END = ist("2025-04-01T00:00:00");

describe("lead-source report", () => {
  it("counts per source for an admin: leads, duplicates, contacted, median wait, never called, qualified, won, costs", async () => {
    const t = await team();
    const f = fixtureFor(t);
    await build(f.leads, f.deliveries);
    // Spend: February and March count; April is outside the period. d has spend and no leads.
    await setSourceSpend({ actor: t.admin, input: { source: f.a, month: "2025-02", amountRupees: 10_000 } });
    await setSourceSpend({ actor: t.admin, input: { source: f.a, month: "2025-03", amountRupees: 5_000.5 } });
    await setSourceSpend({ actor: t.admin, input: { source: f.a, month: "2025-04", amountRupees: 99_999 } });
    await setSourceSpend({ actor: t.admin, input: { source: f.d, month: "2025-03", amountRupees: 2_000 } });

    const report = await leadSourceReport({ actor: t.admin, query: PERIOD });
    expect(report).toMatchObject({ from: "2025-02-01", to: "2025-03-31", months: ["2025-02", "2025-03"], spendShown: true });
    const row = (s: string) => report.rows.find((r) => r.source === s);
    const all = () => true;
    const fixture = { leads: f.leads, deliveries: f.deliveries };
    expect(row(f.a)).toEqual({ source: f.a, ...expected(fixture, { start: START, end: END, source: f.a, sees: all, paise: 1_500_050 }) });
    expect(row(f.b)).toEqual({ source: f.b, ...expected(fixture, { start: START, end: END, source: f.b, sees: all }) });
    expect(row(f.c)).toEqual({ source: f.c, ...expected(fixture, { start: START, end: END, source: f.c, sees: all }) });
    expect(row(f.d)).toEqual({ source: f.d, ...expected(fixture, { start: START, end: END, source: f.d, sees: all, paise: 200_000 }) });
    // Spelled out once, so a mistake shared by the service and `expected` still shows.
    expect(row(f.a)).toMatchObject({
      leads: 6,
      duplicates: 3,
      contacted: 4,
      medianMinutesToFirstCall: 25,
      neverCalled: 2,
      qualified: 3,
      won: 2,
    });
    expect(row(f.a)).toMatchObject({ spendRupees: 15_000.5, costPerLead: 2500.08, costPerWon: 7500.25 });
    expect(row(f.c)).toMatchObject({ leads: 0, duplicates: 1, spendRupees: null, costPerLead: null, costPerWon: null });
    expect(row(f.b)).toMatchObject({ leads: 1, medianMinutesToFirstCall: 0, spendRupees: null, costPerLead: null });
    expect(row(f.d)).toMatchObject({ leads: 0, spendRupees: 2000, costPerLead: null });
    expect(report.spend.filter((s) => s.source === f.a)).toEqual([
      { source: f.a, month: "2025-02", amountRupees: 10_000 },
      { source: f.a, month: "2025-03", amountRupees: 5_000.5 },
    ]);
  });

  it("gives a manager their team's leads only, the hand-added ones as a row of their own, totals over them and no spend", async () => {
    const t = await team();
    const f = fixtureFor(t);
    await build(f.leads, f.deliveries);
    await setSourceSpend({ actor: t.admin, input: { source: f.a, month: "2025-02", amountRupees: 10_000 } });
    await setSourceSpend({ actor: t.admin, input: { source: f.d, month: "2025-03", amountRupees: 2_000 } });

    const report = await leadSourceReport({ actor: t.managerActor, query: PERIOD });
    const fixture = { leads: f.leads, deliveries: f.deliveries };
    const want = (source: string | null | "ALL") => expected(fixture, { start: START, end: END, source, sees: t.inTeam });
    expect(report.spendShown).toBe(false);
    // Every row the manager sees comes from this fixture (nobody else's leads are in the team).
    expect(report.rows.map((r) => r.source).sort()).toEqual([f.a, f.b, f.c, null].sort());
    for (const source of [f.a, f.b, f.c, null]) expect(report.rows.find((r) => r.source === source)).toEqual({ source, ...want(source) });
    expect(report.totals).toEqual(want("ALL"));
    expect(report.rows.find((r) => r.source === f.a)).toMatchObject({ leads: 5, duplicates: 2, won: 1 });
    expect(report.rows.find((r) => r.source === null)).toMatchObject({ leads: 1, medianMinutesToFirstCall: 10, contacted: 0 });
    expect(report.spend).toEqual([]);
  });

  it("refuses agents (403), and spend from anyone but an admin", async () => {
    const t = await team();
    await expect(leadSourceReport({ actor: t.agent, query: {} })).rejects.toMatchObject({ kind: "FORBIDDEN", status: 403 });
    await expect(
      setSourceSpend({ actor: t.managerActor, input: { source: sourceName(), month: "2025-01", amountRupees: 1 } }),
    ).rejects.toMatchObject({ kind: "FORBIDDEN" });
  });

  it("stores spend in paise, removes it at 0, and audits each change", async () => {
    const { actor: admin } = await makeUser({ role: "ADMIN" });
    const source = sourceName();
    expect(await setSourceSpend({ actor: admin, input: { source, month: "2025-05", amountRupees: 1234.56 } })).toEqual({
      source,
      month: "2025-05",
      amountRupees: 1234.56,
    });
    expect((await db.sourceSpend.findUniqueOrThrow({ where: { source_month: { source, month: "2025-05" } } })).amountPaise).toBe(123_456n);
    await setSourceSpend({ actor: admin, input: { source, month: "2025-05", amountRupees: 1234.56 } }); // unchanged: no entry
    await setSourceSpend({ actor: admin, input: { source, month: "2025-05", amountRupees: 0 } });
    expect(await db.sourceSpend.count({ where: { source } })).toBe(0);
    const entries = await db.auditEvent.findMany({
      where: { action: "source_spend.updated", targetId: `${source} 2025-05` },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(
      entries.map((e) => [(e.before as { amountRupees: number }).amountRupees, (e.after as { amountRupees: number }).amountRupees]),
    ).toEqual([
      [0, 1234.56],
      [1234.56, 0],
    ]);
  });

  it("reads the period in India time: this month by default, bad or reversed dates named", () => {
    expect(reportPeriod({}, new Date("2026-02-28T19:00:00Z"))).toMatchObject({ from: "2026-03-01", to: "2026-03-31", months: ["2026-03"] });
    expect(reportPeriod({ from: "2024-02-10" })).toMatchObject({ to: "2024-02-29" });
    expect(reportPeriod({ from: "2025-11-15", to: "2026-02-01" }).months).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(() => reportPeriod({ from: "2025-03-02", to: "2025-03-01" })).toThrow(/to: must be on or after from/);
    expect(() => reportPeriod({ from: "2024-01-01", to: "2025-06-01" })).toThrow(/to: the range can be at most a year/);
    const bad = leadSourceReportQuerySchema.safeParse({ from: "2025-02-30", to: "31-03-2025" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["from", "is not a real date"],
      ["to", "must be a date (YYYY-MM-DD)"],
    ]);
    const spend = sourceSpendSchema.safeParse({ source: "Added by hand", month: "2025-13", amountRupees: 1.005 });
    expect(spend.error?.issues.map((i) => i.path.join("."))).toEqual(["source", "month", "amountRupees"]);
  });

  it("writes the CSV: a header, one line per source (hand-added by name), a Total line, plain numbers", () => {
    const m = { leads: 3, duplicates: 1, contacted: 2, medianMinutesToFirstCall: 12.5, neverCalled: 1, qualified: 1, won: 1 };
    const csv = leadSourceReportCsv({
      rows: [
        { source: "=cmd()", ...m, spendRupees: 1234.5, costPerLead: 411.5, costPerWon: 1234.5 },
        { source: null, ...m, medianMinutesToFirstCall: null, spendRupees: null, costPerLead: null, costPerWon: null },
      ],
      totals: { ...m, leads: 6, spendRupees: 1234.5, costPerLead: 205.75, costPerWon: 617.25 },
    });
    expect(csv.startsWith("\ufeff")).toBe(true);
    expect(parseCsv(csv)).toEqual([
      [
        "source",
        "leads",
        "duplicates",
        "contacted",
        "median_minutes_to_first_call",
        "never_called",
        "qualified",
        "won",
        "spend_rupees",
        "cost_per_lead_rupees",
        "cost_per_won_rupees",
      ],
      ["'=cmd()", "3", "1", "2", "12.5", "1", "1", "1", "1234.50", "411.50", "1234.50"],
      ["Added by hand", "3", "1", "2", "", "1", "1", "1", "", "", ""],
      ["Total", "6", "1", "2", "12.5", "1", "1", "1", "1234.50", "205.75", "617.25"],
    ]);
  });
});
