// The lead-source report (managers: their team's leads; admins: everyone's): per source and period —
// leads, duplicates paid for, contacted, median time to the first call, qualified, won — and, for
// admins, the spend entered per source and month with cost per lead and per won lead. One grouped
// query reads the leads (each with its first call and whether any call was answered, through the
// call table's lead index) and the repeat enquiries together, GROUPING SETS adding the totals row;
// a second reads the spend.
import "server-only";
import type { Actor } from "../auth/actor";
import { isSupervisor } from "../auth/actor";
import { workOfSql } from "../auth/policy";
import { db } from "../db";
import { AppError, validationError } from "../errors";
import { INDIA_TZ, istDay, istMidnight } from "../time/india";
import type { LeadSourceReportQuery } from "./schemas";

export interface LeadSourceMeasures {
  leads: number;
  duplicates: number;
  contacted: number;
  /** Over the leads that have a call; null when none has. */
  medianMinutesToFirstCall: number | null;
  neverCalled: number;
  qualified: number;
  won: number;
  /** Admins only (null for managers, and where no spend was entered): the whole months the period touches. */
  spendRupees: number | null;
  costPerLead: number | null;
  costPerWon: number | null;
}

export interface LeadSourceRow extends LeadSourceMeasures {
  /** null: leads added by hand (shown as "Added by hand"). */
  source: string | null;
}

const DAY_MS = 86_400_000;

/** The last day of a YYYY-MM month, as YYYY-MM-DD. */
const lastDayOf = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
};

/** The period in India time, inclusive: this calendar month unless given; a missing end is the start's month end. */
export function reportPeriod(query: Pick<LeadSourceReportQuery, "from" | "to">, now = new Date()) {
  const from = query.from ?? `${(query.to ?? istDay(now)).slice(0, 7)}-01`;
  const to = query.to ?? lastDayOf(from.slice(0, 7));
  const start = istMidnight(from);
  const end = new Date(istMidnight(to).getTime() + DAY_MS);
  if (Number.isNaN(start.getTime())) throw validationError({ from: "is not a valid date" });
  if (Number.isNaN(end.getTime())) throw validationError({ to: "is not a valid date" });
  if (end <= start) throw validationError({ to: "must be on or after from" });
  if (end.getTime() - start.getTime() > 366 * DAY_MS) throw validationError({ to: "the range can be at most a year" });
  return { from, to, start, end, months: monthsBetween(from, to) };
}

/** Every YYYY-MM from the month of `from` to the month of `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.slice(0, 7).split("-").map(Number) as [number, number];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); ) {
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
    month = `${y}-${String(m).padStart(2, "0")}`;
  }
  return months;
}

/** Paise shared over `count` items, in rupees to the paisa; null when there is nothing to divide by. */
const perItem = (paise: bigint, count: number) => (count > 0 ? Math.round(Number(paise) / count) / 100 : null);

export async function leadSourceReport({ actor, query }: { actor: Actor; query: Pick<LeadSourceReportQuery, "from" | "to"> }) {
  // A report, not a record: nothing's existence leaks, so agents are told plainly that it is not theirs.
  if (!isSupervisor(actor)) throw new AppError("FORBIDDEN", "The lead-source report is for managers and admins");
  const { from, to, start, end, months } = reportPeriod(query);
  // Spend covers every team's leads: a manager's cost per lead over their team's share would be wrong.
  const spendShown = actor.role === "ADMIN";

  const rows = await db.$queryRaw<
    {
      source: string | null;
      total: number;
      leads: number;
      duplicates: number;
      contacted: number;
      never_called: number;
      median_seconds: number | null;
      qualified: number;
      won: number;
    }[]
  >`
    WITH leads AS (
      SELECT NULLIF(btrim(l.source), '') AS source, l.status::text AS status, l."createdAt" AS created_at, f.first_at, f.answered
      FROM lead l
      LEFT JOIN LATERAL (
        -- When the call was placed: Smartflo's start stamp, or our own row's time before any event came.
        SELECT min(coalesce(c."startedAt", c."createdAt")) AS first_at,
               bool_or(c."answeredAt" IS NOT NULL OR coalesce(c."talkSeconds", 0) > 0) AS answered
        FROM call c WHERE c."leadId" = l.id
      ) f ON TRUE
      WHERE l."createdAt" >= ${start} AND l."createdAt" < ${end} AND l."erasedAt" IS NULL AND NOT l."isTest"
        AND ${workOfSql(actor, 'l."ownerId"')}
    ), repeats AS (
      SELECT s.name AS source
      FROM lead_delivery d
      JOIN lead_source s ON s.id = d."sourceId"
      LEFT JOIN lead l ON l.id = d."leadId"
      WHERE d.status = 'ENQUIRED_AGAIN' AND d."receivedAt" >= ${start} AND d."receivedAt" < ${end}
        AND ${workOfSql(actor, 'l."ownerId"')}
    ), everything AS (
      SELECT source, TRUE AS is_lead, status, created_at, first_at, answered FROM leads
      UNION ALL
      SELECT source, FALSE, NULL, NULL, NULL, NULL FROM repeats
    )
    SELECT source, GROUPING(source)::int AS total,
           (count(*) FILTER (WHERE is_lead))::int AS leads,
           (count(*) FILTER (WHERE NOT is_lead))::int AS duplicates,
           (count(*) FILTER (WHERE answered))::int AS contacted,
           (count(*) FILTER (WHERE is_lead AND first_at IS NULL))::int AS never_called,
           -- A lead made by its own inbound call was called before it existed: that wait is 0. (The
           -- FILTER, not greatest's NULL, keeps uncalled leads and repeat enquiries out: greatest skips NULLs.)
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM first_at - created_at))::float8)
             FILTER (WHERE first_at IS NOT NULL))::float8 AS median_seconds,
           (count(*) FILTER (WHERE status IN ('QUALIFIED', 'WON')))::int AS qualified,
           (count(*) FILTER (WHERE status = 'WON'))::int AS won
    FROM everything
    GROUP BY GROUPING SETS ((source), ())
  `;

  const spend = spendShown
    ? await db.sourceSpend.findMany({
        where: { month: { gte: months[0]!, lte: months.at(-1)! } },
        orderBy: [{ source: "asc" }, { month: "asc" }],
      })
    : [];
  const spendBySource = new Map<string, bigint>();
  for (const s of spend) spendBySource.set(s.source, (spendBySource.get(s.source) ?? 0n) + s.amountPaise);
  const totalSpend = spend.length ? spend.reduce((sum, s) => sum + s.amountPaise, 0n) : null;

  const measures = (r: (typeof rows)[number] | undefined, paise: bigint | null): LeadSourceMeasures => {
    const leads = Number(r?.leads ?? 0);
    const won = Number(r?.won ?? 0);
    const median = r?.median_seconds;
    return {
      leads,
      duplicates: Number(r?.duplicates ?? 0),
      contacted: Number(r?.contacted ?? 0),
      medianMinutesToFirstCall: median === null || median === undefined ? null : Math.round(Number(median) / 6) / 10,
      neverCalled: Number(r?.never_called ?? 0),
      qualified: Number(r?.qualified ?? 0),
      won,
      spendRupees: paise === null ? null : Number(paise) / 100,
      costPerLead: paise === null ? null : perItem(paise, leads),
      costPerWon: paise === null ? null : perItem(paise, won),
    };
  };

  const perSource = rows.filter((r) => Number(r.total) === 0);
  const sources = new Set<string | null>([...perSource.map((r) => r.source), ...spendBySource.keys()]);
  const result: LeadSourceRow[] = [...sources].map((source) => ({
    source,
    ...measures(
      perSource.find((r) => r.source === source),
      source === null ? null : (spendBySource.get(source) ?? null),
    ),
  }));
  // Most leads first; hand-added last among equals.
  result.sort((a, b) => b.leads - a.leads || (a.source === null ? 1 : b.source === null ? -1 : a.source.localeCompare(b.source)));

  return {
    from,
    to,
    timeZone: INDIA_TZ,
    /** The months whose spend is counted (whole months, even when the period covers part of one). */
    months,
    spendShown,
    rows: result,
    totals: measures(
      rows.find((r) => Number(r.total) === 1),
      totalSpend,
    ),
    /** Each month's spend per source (admins; the page's spend editor). */
    spend: spend.map((s) => ({ source: s.source, month: s.month, amountRupees: Number(s.amountPaise) / 100 })),
  };
}

export type LeadSourceReport = Awaited<ReturnType<typeof leadSourceReport>>;
