// The team dashboard (managers: their team; admins: everyone): per agent and day — calls made,
// answered rate, total and average talk time, missed inbound, leads contacted, time on break — read
// from the per-agent, per-IST-day rollup the call trigger keeps (one row per agent and day, so a
// year is a few thousand rows however many calls it held). GROUPING SETS gives the per-agent,
// per-day and overall rows in one scan.
import "server-only";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { answeredRate } from "../calls/answered";
import { db } from "../db";
import { INDIA_TZ, istDay } from "../time/india";
import { type DashboardQuery, dashboardPeriod, dashboardScope } from "./period";
import { foldCallStats } from "./rollup";

export const DASHBOARD_TZ = INDIA_TZ;

export interface DashboardRow {
  agentId: string | null;
  agentName: string | null;
  day: string | null;
  callsMade: number;
  answered: number;
  /** answered outbound / outbound, 0..1; null when no outbound calls. */
  answeredRate: number | null;
  talkSeconds: number;
  avgTalkSeconds: number | null;
  missedInbound: number;
  leadsContacted: number;
  /** Time on break in the range (per-agent rows and totals; null on day rows). */
  breakSeconds: number | null;
}

const NO_CALLS = { callsMade: 0, answered: 0, answeredRate: null, talkSeconds: 0, avgTalkSeconds: null, missedInbound: 0 } as const;

/** A day (or the whole range, `day` null) with no calls. */
function emptyRow(day: string | null): DashboardRow {
  return { agentId: null, agentName: null, day, ...NO_CALLS, leadsContacted: 0, breakSeconds: day ? null : 0 };
}

export async function dashboard({ actor, query }: { actor: Actor; query: DashboardQuery }) {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  const { from, to, start, end } = dashboardPeriod(query);
  const inScope = (column: string) => dashboardScope(actor, query, column);
  await foldCallStats();
  // Read from the per-agent, per-IST-day rollup (prisma/functions/crm_call_stats.sql). Distinct leads:
  // a day's own count for day rows; for the range, leadsFirst[days since from + 1] counts a lead on
  // the first day of the range the agent reached it. Team and day totals add up their agents'.
  const rows = await db.$queryRaw<
    {
      agentId: string | null;
      day: Date | null;
      grouping: number;
      calls: bigint;
      calls_made: bigint;
      answered_out: bigint;
      answered: bigint;
      talk: bigint | null;
      missed_inbound: bigint;
      day_leads: bigint;
      range_leads: bigint;
    }[]
  >`
    SELECT s."agentId", s.day, GROUPING(s."agentId", s.day)::int AS grouping, sum(s.calls) AS calls,
           sum(s."callsMade") AS calls_made, sum(s."answeredOut") AS answered_out, sum(s.answered) AS answered,
           sum(s."talkSeconds") AS talk, sum(s."missedInbound") AS missed_inbound,
           sum(s."leadsFirst"[1]) AS day_leads, sum(s."leadsFirst"[(s.day - ${from}::date) + 1]) AS range_leads
    FROM agent_day_stat s
    WHERE s.day >= ${from}::date AND s.day <= ${to}::date AND ${inScope('s."agentId"')}
    GROUP BY GROUPING SETS ((s."agentId", s.day), (s."agentId"), (s.day), ())
    HAVING sum(s.calls) > 0
  `;
  const now = new Date();
  const breakRows = await db.$queryRaw<{ agentId: string; seconds: number }[]>`
    SELECT b."userId" AS "agentId",
           round(sum(extract(epoch FROM least(coalesce(b."endedAt", ${now}), ${end}) - greatest(b."startedAt", ${start}))))::int AS seconds
    FROM agent_break b
    WHERE b."startedAt" < ${end} AND coalesce(b."endedAt", ${now}) > ${start} AND ${inScope('b."userId"')}
    GROUP BY 1`;
  const breaks = new Map(breakRows.map((b) => [b.agentId, b.seconds]));
  const agentIds = [...new Set([...rows.map((r) => r.agentId), ...breaks.keys()].filter((v): v is string => !!v))];
  const agents = await db.user.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true } });
  const names = new Map(agents.map((a) => [a.id, a.name]));
  const toRow = (r: (typeof rows)[number]): DashboardRow => {
    const made = Number(r.calls_made);
    const answered = Number(r.answered);
    const talk = Number(r.talk ?? 0);
    return {
      agentId: r.agentId,
      agentName: r.agentId ? (names.get(r.agentId) ?? "Unknown") : null,
      day: r.day ? r.day.toISOString().slice(0, 10) : null,
      callsMade: made,
      answered,
      answeredRate: answeredRate(made, Number(r.answered_out)),
      talkSeconds: talk,
      avgTalkSeconds: answered ? Math.round(talk / answered) : null,
      missedInbound: Number(r.missed_inbound),
      // Groupings with a day (0, 2) count that day's leads; the others the range's.
      leadsContacted: Number((r.grouping & 1) === 0 ? r.day_leads : r.range_leads),
      breakSeconds: null,
    };
  };
  const byName = (a: DashboardRow, b: DashboardRow) => (a.agentName ?? "").localeCompare(b.agentName ?? "");
  // GROUPING bits: 0 = (agent, day), 1 = (agent), 2 = (day), 3 = overall.
  const perAgentDay = rows
    .filter((r) => r.grouping === 0)
    .map(toRow)
    .sort((a, b) => (a.day ?? "").localeCompare(b.day ?? "") || byName(a, b));
  const perAgent = rows.filter((r) => r.grouping === 1).map((r) => ({ ...toRow(r), breakSeconds: breaks.get(r.agentId!) ?? 0 }));
  for (const [agentId, seconds] of breaks)
    if (!perAgent.some((r) => r.agentId === agentId))
      perAgent.push({ ...emptyRow(null), agentId, agentName: names.get(agentId) ?? "Unknown", breakSeconds: seconds });
  perAgent.sort(byName);
  const breakTotal = [...breaks.values()].reduce((a, b) => a + b, 0);
  const dayRows = new Map(rows.filter((r) => r.grouping === 2).map((r) => [r.day!.toISOString().slice(0, 10), toRow(r)]));
  // Every day of the range, zero-filled, so charts keep their scale.
  const perDay: DashboardRow[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += 86400_000) {
    const d = istDay(new Date(t));
    perDay.push(dayRows.get(d) ?? emptyRow(d));
  }
  const overall = rows.find((r) => r.grouping === 3);
  return {
    from,
    to,
    timeZone: DASHBOARD_TZ,
    totals: { ...(overall ? toRow(overall) : emptyRow(null)), breakSeconds: breakTotal },
    perAgent,
    perDay,
    perAgentDay,
  };
}
