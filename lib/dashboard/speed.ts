// Speed to lead on the dashboard (managers: their team's leads; admins: everyone's): over the leads
// that arrived in the period with a first-response clock (not erased, not test), how long the first
// call and the first connect took (median and 90th percentile, from the lead's arrival), how many
// were called within target, never called, breached, and how often the clock moved them — per
// current owner, per source and in total. One query: GROUPING SETS gives the three in one scan
// of the period's leads, from the lead's own columns (kept by the call trigger and the clock).
import "server-only";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { db } from "../db";
import { INDIA_TZ } from "../time/india";
import { type DashboardQuery, dashboardPeriod, dashboardScope } from "./period";

export interface SpeedToLeadMeasures {
  leads: number;
  /** Seconds from arrival, over the leads that have a first call (connect); null when none has. */
  medianFirstCallSeconds: number | null;
  p90FirstCallSeconds: number | null;
  medianFirstConnectSeconds: number | null;
  p90FirstConnectSeconds: number | null;
  /** First call at or before the due time. */
  withinTarget: number;
  /**
   * withinTarget over the leads whose outcome is known (called, or the due time has passed):
   * a lead whose clock is still running is neither in nor out yet. 0..1; null when none is known.
   */
  withinTargetShare: number | null;
  /** No call at all yet (the clock may still be running). */
  neverCalled: number;
  /** The clock ran out before a call (firstResponseBreachedAt), or the first call came after the due time. */
  breaches: number;
  /** How often the clock moved these leads to another agent. */
  reassignments: number;
}

export interface SpeedToLeadAgentRow extends SpeedToLeadMeasures {
  /** The lead's current owner; null: nobody (admins only see those). */
  agent: { id: string; name: string } | null;
}

export interface SpeedToLeadSourceRow extends SpeedToLeadMeasures {
  /** null: the lead came with no source. */
  source: string | null;
}

type Row = {
  owner_id: string | null;
  agent_name: string | null;
  source: string | null;
  grouping: number;
  leads: number;
  median_call: number | null;
  p90_call: number | null;
  median_connect: number | null;
  p90_connect: number | null;
  within_target: number;
  decided: number;
  never_called: number;
  breaches: number;
  reassignments: number;
};

const seconds = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v)));

function measures(r: Row | undefined): SpeedToLeadMeasures {
  const decided = Number(r?.decided ?? 0);
  const withinTarget = Number(r?.within_target ?? 0);
  return {
    leads: Number(r?.leads ?? 0),
    medianFirstCallSeconds: seconds(r?.median_call),
    p90FirstCallSeconds: seconds(r?.p90_call),
    medianFirstConnectSeconds: seconds(r?.median_connect),
    p90FirstConnectSeconds: seconds(r?.p90_connect),
    withinTarget,
    withinTargetShare: decided ? withinTarget / decided : null,
    neverCalled: Number(r?.never_called ?? 0),
    breaches: Number(r?.breaches ?? 0),
    reassignments: Number(r?.reassignments ?? 0),
  };
}

export async function speedToLead({ actor, query, now = new Date() }: { actor: Actor; query: DashboardQuery; now?: Date }) {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  const { from, to, start, end } = dashboardPeriod(query);
  // A lead made by its own inbound call was reached before it existed: that wait is 0. CASE, not
  // greatest alone, keeps uncalled leads out (greatest skips NULLs); percentile_cont skips NULLs.
  const rows = await db.$queryRaw<Row[]>`
    WITH leads AS (
      SELECT l."ownerId" AS owner_id, NULLIF(btrim(l.source), '') AS source,
             CASE WHEN l."firstCallAt" IS NOT NULL
               THEN greatest(0, extract(epoch FROM l."firstCallAt" - l."createdAt"))::float8 END AS call_s,
             CASE WHEN l."firstConnectAt" IS NOT NULL
               THEN greatest(0, extract(epoch FROM l."firstConnectAt" - l."createdAt"))::float8 END AS connect_s,
             l."firstCallAt" <= l."firstResponseDueAt" AS within_target,
             l."firstCallAt" IS NOT NULL OR l."firstResponseDueAt" <= ${now} OR l."firstResponseBreachedAt" IS NOT NULL AS decided,
             l."firstResponseBreachedAt" IS NOT NULL OR l."firstCallAt" > l."firstResponseDueAt" AS breached,
             l.reassignments
      FROM lead l
      WHERE l."createdAt" >= ${start} AND l."createdAt" < ${end} AND l."firstResponseDueAt" IS NOT NULL
        AND l."erasedAt" IS NULL AND NOT l."isTest" AND ${dashboardScope(actor, query, 'l."ownerId"')}
    ), measured AS (
      SELECT owner_id, source, GROUPING(owner_id, source)::int AS grouping, count(*)::int AS leads,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY call_s) AS median_call,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY call_s) AS p90_call,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY connect_s) AS median_connect,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY connect_s) AS p90_connect,
             (count(*) FILTER (WHERE within_target))::int AS within_target,
             (count(*) FILTER (WHERE decided))::int AS decided,
             (count(*) FILTER (WHERE call_s IS NULL))::int AS never_called,
             (count(*) FILTER (WHERE breached))::int AS breaches,
             coalesce(sum(reassignments), 0)::int AS reassignments
      FROM leads
      GROUP BY GROUPING SETS ((owner_id), (source), ())
    )
    SELECT m.*, u.name AS agent_name
    FROM measured m LEFT JOIN "user" u ON u.id = m.owner_id
  `;
  // GROUPING bits: 1 = per owner, 2 = per source, 3 = all.
  const byAgent: SpeedToLeadAgentRow[] = rows
    .filter((r) => r.grouping === 1)
    .map((r) => ({ agent: r.owner_id ? { id: r.owner_id, name: r.agent_name ?? "Unknown" } : null, ...measures(r) }))
    .sort((a, b) => (!a.agent ? 1 : !b.agent ? -1 : a.agent.name.localeCompare(b.agent.name)));
  // Most leads first; no source last among equals.
  const bySource: SpeedToLeadSourceRow[] = rows
    .filter((r) => r.grouping === 2)
    .map((r) => ({ source: r.source, ...measures(r) }))
    .sort((a, b) => b.leads - a.leads || (a.source === null ? 1 : b.source === null ? -1 : a.source.localeCompare(b.source)));
  return {
    from,
    to,
    timeZone: INDIA_TZ,
    totals: measures(rows.find((r) => r.grouping === 3)),
    byAgent,
    bySource,
  };
}

export type SpeedToLead = Awaited<ReturnType<typeof speedToLead>>;
