// The team dashboard (managers: their team; admins: everyone): per agent and day — calls made,
// answered rate, total and average talk time, missed inbound, leads contacted — in one SQL query
// (GROUPING SETS gives the per-agent, per-day and overall rows in the same scan). Days are Indian
// Standard Time days.
import "server-only";
import type { z } from "zod";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { db } from "../db";
import { validationError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { INDIA_TZ, istDay, istMidnight } from "../time/india";
import type { dashboardQuerySchema } from "./schemas";

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
}

const NO_CALLS = { callsMade: 0, answered: 0, answeredRate: null, talkSeconds: 0, avgTalkSeconds: null, missedInbound: 0 } as const;

/** A day (or the whole range, `day` null) with no calls. */
function emptyRow(day: string | null): DashboardRow {
  return { agentId: null, agentName: null, day, ...NO_CALLS, leadsContacted: 0 };
}

export async function dashboard({ actor, query }: { actor: Actor; query: z.infer<typeof dashboardQuerySchema> }) {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  const to = query.to ?? istDay();
  const from = query.from ?? istDay(new Date(istMidnight(to).getTime() - 13 * 86400_000));
  const start = istMidnight(from);
  const end = new Date(istMidnight(to).getTime() + 86400_000);
  if (Number.isNaN(start.getTime())) throw validationError({ from: "is not a valid date" });
  if (Number.isNaN(end.getTime())) throw validationError({ to: "is not a valid date" });
  if (end <= start) throw validationError({ to: "must be on or after from" });
  if (end.getTime() - start.getTime() > 366 * 86400_000) throw validationError({ to: "the range can be at most a year" });

  const scope =
    actor.role === "ADMIN"
      ? Prisma.sql`TRUE`
      : Prisma.sql`(c."agentId" = ${actor.id} OR c."agentId" IN (SELECT id FROM "user" WHERE "managerId" = ${actor.id}))`;
  const agentFilter = query.agentId ? Prisma.sql`AND c."agentId" = ${query.agentId}` : Prisma.empty;
  // createdAt is stored as UTC without a zone: read it as UTC, then take the IST calendar day.
  const rows = await db.$queryRaw<
    {
      agentId: string | null;
      day: Date | null;
      grouping: number;
      calls_made: bigint;
      answered_out: bigint;
      answered: bigint;
      talk: bigint | null;
      missed_inbound: bigint;
      leads_contacted: bigint;
    }[]
  >`
    WITH c AS (
      SELECT c."agentId", c.direction, c.status, c."leadId", c."talkSeconds",
             ((c."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${DASHBOARD_TZ})::date AS day,
             (c.status = 'COMPLETED' AND (c."answeredAt" IS NOT NULL OR COALESCE(c."talkSeconds", 0) > 0)) AS answered
      FROM "call" c
      WHERE c."createdAt" >= ${start} AND c."createdAt" < ${end} AND c."agentId" IS NOT NULL AND ${scope} ${agentFilter}
    )
    SELECT "agentId", day, GROUPING("agentId", day)::int AS grouping,
           count(*) FILTER (WHERE direction = 'OUTBOUND') AS calls_made,
           count(*) FILTER (WHERE direction = 'OUTBOUND' AND answered) AS answered_out,
           count(*) FILTER (WHERE answered) AS answered,
           sum("talkSeconds") FILTER (WHERE answered) AS talk,
           count(*) FILTER (WHERE direction = 'INBOUND' AND status = 'MISSED') AS missed_inbound,
           count(DISTINCT "leadId") FILTER (WHERE answered) AS leads_contacted
    FROM c
    GROUP BY GROUPING SETS (("agentId", day), ("agentId"), (day), ())
  `;
  const agentIds = [...new Set(rows.map((r) => r.agentId).filter((v): v is string => !!v))];
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
      answeredRate: made ? Number(r.answered_out) / made : null,
      talkSeconds: talk,
      avgTalkSeconds: answered ? Math.round(talk / answered) : null,
      missedInbound: Number(r.missed_inbound),
      leadsContacted: Number(r.leads_contacted),
    };
  };
  const byName = (a: DashboardRow, b: DashboardRow) => (a.agentName ?? "").localeCompare(b.agentName ?? "");
  // GROUPING bits: 0 = (agent, day), 1 = (agent), 2 = (day), 3 = overall.
  const perAgentDay = rows
    .filter((r) => r.grouping === 0)
    .map(toRow)
    .sort((a, b) => (a.day ?? "").localeCompare(b.day ?? "") || byName(a, b));
  const perAgent = rows
    .filter((r) => r.grouping === 1)
    .map(toRow)
    .sort(byName);
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
    totals: overall ? toRow(overall) : emptyRow(null),
    perAgent,
    perDay,
    perAgentDay,
  };
}
