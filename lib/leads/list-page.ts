// The lead list's page as one statement: the page's leads with their owner and numbers, and the
// capped total. Through Prisma's include it was four round trips one after another (the capped
// count, the leads, their owners, their numbers) plus the query compiler's work for each.
import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { LeadDtoSource } from "./dto";
import type { LEAD_SORTS } from "./schemas";

export type LeadSort = (typeof LEAD_SORTS)[number];

const SORT_COLUMN: Record<LeadSort, string> = { updatedAt: `"updatedAt"`, createdAt: `"createdAt"`, name: "name" };

/**
 * How far a search with more matches than its cap walks the list's order for its page before it
 * sorts all its matches instead: past this many leads the matches are rarer than one in 385, and
 * reading each of them (a few thousand) costs less than walking on.
 */
export const SEARCH_WALK_ROWS = 10_000;

/**
 * A search's total is first counted in the newest leads, in the list's covering index (name and
 * email are in it): SEARCH_SAMPLE_ROWS of them; when at least SEARCH_SAMPLE_DENSE match (1.5%, a
 * common surname), on for up to SEARCH_PROBE_ROWS, where cap+1 matches settle "500+" without the
 * trigram index. Its bitmap holds every match before a row is read: 25,000 for a surname at 1M
 * leads (about 11 ms with the rows' recheck), 250,000 at 10M (over 100 ms), where the walk stops at
 * the cap in about 20,000 rows at any size. A rarer search in a big table costs the sample (about
 * 1.5 ms) and takes the trigram index; in a table too small for the probe the sample is not read.
 */
export const SEARCH_SAMPLE_ROWS = 2_000;
export const SEARCH_SAMPLE_DENSE = 30;
export const SEARCH_PROBE_ROWS = 50_000;
/**
 * The probe runs only when the sample says the whole table holds more matches than this (the sample's
 * share of the table's row estimate, pg_class.reltuples): below it the trigram bitmap is the cheaper
 * count (a surname at 1M leads: 25,000 matches, 11 ms, against the probe's 20,000 rows, 15 ms).
 * A setting, not a constant, so the tests can make the probe run on a small table (0: always).
 */
export const searchTuning = { probeFromMatches: 50_000 };

/** What toLeadDto reads, the owner's name and every number (the primary first), for at most limit+1 leads. */
function rowsOf(ids: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT l.id, l.name, l.phone, l.email, l.source, l."subSource", l.status::text AS status, l."lastContactedAt",
           l."doNotCall", l.purpose::text AS purpose, l."createdAt", l."updatedAt", l.attribution, l.fields,
           l."firstResponseDueAt", l."firstCallAt", l."firstConnectAt", l."firstResponseBreachedAt",
           (SELECT json_build_object('id', u.id, 'name', u.name) FROM "user" u WHERE u.id = l."ownerId") AS owner,
           (SELECT coalesce(json_agg(json_build_object('number', p.number, 'last10', p.last10, 'label', p.label, 'primary', p."primary")
                                     ORDER BY p."primary" DESC, p.position, p."createdAt"), '[]'::json)
              FROM lead_phone p WHERE p."leadId" = l.id) AS phones
    FROM lead l WHERE l.id IN (${ids})`;
}

export interface LeadPageInput {
  /** Common table expressions the conditions read (`name AS (…)`). */
  ctes: Prisma.Sql[];
  /** The list within the actor's scope: test leads out, status, owner. */
  base: Prisma.Sql;
  /** What a search or custom-field filter adds (null: none), and the columns it reads. */
  search: Prisma.Sql | null;
  searchColumns: ("name" | "email" | "fields")[];
  sort: LeadSort;
  order: "asc" | "desc";
  /** The last row of the previous page. */
  after: { value: string; id: string } | null;
  limit: number;
  /** Totals are exact up to the cap. */
  cap: number;
  /**
   * Whether the search can be common enough for its total to be counted in the newest leads first
   * (SEARCH_PROBE_ROWS): words can (a surname), digits alone (a phone number) cannot.
   */
  mayBeDense: boolean;
}

export async function leadPage({ ctes, base, search, searchColumns, sort, order, after, limit, cap, mayBeDense }: LeadPageInput) {
  const col = Prisma.raw(SORT_COLUMN[sort]);
  const dir = Prisma.raw(order === "desc" ? "DESC" : "ASC");
  const cmp = Prisma.raw(order === "desc" ? "<" : ">");
  // `(sort, id) after (value, id)`, plus the redundant bound `sort <= value` (or >=) that lets
  // PostgreSQL start the index scan at the cursor instead of filtering from the top.
  const afterCursor = (c: Prisma.Sql) => {
    if (!after) return Prisma.sql`TRUE`;
    const v = sort === "name" ? Prisma.sql`${after.value}` : Prisma.sql`${after.value}::timestamp(3)`;
    return Prisma.sql`${c} ${cmp}= ${v} AND (${c} ${cmp} ${v} OR (${c} = ${v} AND id ${cmp} ${after.id}))`;
  };
  const inOrder = (c: Prisma.Sql) => Prisma.sql`ORDER BY ${c} ${dir}, id ${dir}`;
  const withCtes = (more: Prisma.Sql[]) => (ctes.length + more.length ? Prisma.sql`WITH ${Prisma.join([...ctes, ...more])}` : Prisma.empty);
  // The total's row comes first and the page joins it, so an empty page still brings the count.
  const rows = (ids: Prisma.Sql) => Prisma.sql`
    SELECT c.n AS counted, p.* FROM c LEFT JOIN LATERAL (${rowsOf(ids)}) p ON true ORDER BY p.${col} ${dir}, p.id ${dir}`;
  let sql: Prisma.Sql;
  if (!search) {
    // The page's ids walk the list's index (for everyone's leads an index-only scan: it holds every
    // column the conditions read), then only the page's rows are read. The total is counted in the
    // default order whatever the page's: those indexes hold isTest, so it is an index-only scan that
    // stops at the cap (a sequential scan read 250 pages for it, an agent's 5,000).
    sql = Prisma.sql`
      ${withCtes([
        Prisma.sql`c AS (SELECT count(*)::int AS n FROM (
          SELECT 1 FROM lead WHERE ${base} ORDER BY "updatedAt" DESC, id DESC LIMIT ${cap + 1}) s)`,
      ])}
      ${rows(Prisma.sql`SELECT id FROM lead WHERE ${base} AND ${afterCursor(col)} ${inOrder(col)} LIMIT ${limit + 1}`)}`;
  } else {
    // A search first collects its matches, planned as if all were wanted (a CTE is), so the trigram
    // and GIN indexes serve any selective search; read lazily, they stop at cap+1 for the total
    // (unless the newest leads already hold more than cap matches: SEARCH_PROBE_ROWS).
    // Planned with the LIMIT, a surname's 2.5% of matches were looked for with ILIKE row by row.
    // At most cap matches: the page is sorted from them. More: the list's order is walked (an
    // index-only scan for everyone's leads) for up to SEARCH_WALK_ROWS leads, which finds the page
    // of a dense search (a surname) at once; a rarer one sorts all its matches instead. The planner
    // cannot tell these apart, and took the slow plan for each about half the time.
    // Only the columns the walk reads, so the covering index can answer it alone.
    const walkColumns = Prisma.raw([...new Set(["id", SORT_COLUMN[sort], ...searchColumns])].join(", "));
    const probeColumns = Prisma.raw([...new Set(["id", ...searchColumns])].join(", "));
    // The newest leads in the default order, past the first `skip`: the total's sample and probe.
    const newest = (skip: number, take: number) => Prisma.sql`
      SELECT ${probeColumns} FROM lead WHERE ${base} ORDER BY "updatedAt" DESC, id DESC OFFSET ${skip} LIMIT ${take}`;
    // The table's row estimate against probeFromMatches: the sample is only read where the probe could
    // follow (even a sample of nothing but matches needs over probeFromMatches rows in the table).
    const tableRows = Prisma.sql`(SELECT reltuples FROM pg_class WHERE oid = 'lead'::regclass)`;
    const { probeFromMatches } = searchTuning;
    const tableBigEnough = probeFromMatches ? Prisma.sql`${tableRows} > ${probeFromMatches} AND` : Prisma.empty;
    const matchesEnough = probeFromMatches
      ? Prisma.sql`AND (SELECT n FROM sample) * ${tableRows} / ${SEARCH_SAMPLE_ROWS} > ${probeFromMatches}`
      : Prisma.empty;
    const countHits = Prisma.sql`(SELECT count(*)::int FROM (SELECT 1 FROM hits LIMIT ${cap + 1}) s)`;
    const counted = mayBeDense
      ? [
          Prisma.sql`sample AS MATERIALIZED (
            SELECT count(*)::int AS n FROM (${newest(0, SEARCH_SAMPLE_ROWS)}) w WHERE ${tableBigEnough} ${search})`,
          // Only after a dense sample in a big table (a one-time filter: otherwise not a row is read), up to the cap.
          Prisma.sql`probe AS MATERIALIZED (SELECT (SELECT n FROM sample) + count(*)::int AS n FROM (
          SELECT 1 FROM (${newest(SEARCH_SAMPLE_ROWS, SEARCH_PROBE_ROWS - SEARCH_SAMPLE_ROWS)}) w
          WHERE (SELECT n FROM sample) >= ${SEARCH_SAMPLE_DENSE} ${matchesEnough} AND ${search}
          LIMIT greatest(${cap + 1} - (SELECT n FROM sample), 0)) s)`,
          // The trigram index only when the probe did not settle it (CASE evaluates the other branch lazily).
          Prisma.sql`c AS MATERIALIZED (SELECT CASE WHEN (SELECT n FROM probe) > ${cap} THEN (SELECT n FROM probe)
            ELSE ${countHits} END AS n)`,
        ]
      : [Prisma.sql`c AS MATERIALIZED (SELECT ${countHits} AS n)`];
    sql = Prisma.sql`
      ${withCtes([
        Prisma.sql`hits AS MATERIALIZED (SELECT id, ${col} AS s FROM lead WHERE ${base} AND ${search})`,
        ...counted,
        Prisma.sql`walked AS MATERIALIZED (
          SELECT id FROM (
            SELECT ${walkColumns} FROM lead WHERE ${base} AND ${afterCursor(col)} AND (SELECT n FROM c) > ${cap}
            ${inOrder(col)} LIMIT ${SEARCH_WALK_ROWS}) w
          WHERE ${search} ${inOrder(col)} LIMIT ${limit + 1})`,
        Prisma.sql`ids AS MATERIALIZED (
          SELECT id FROM walked
          UNION ALL
          (SELECT id FROM hits WHERE ${afterCursor(Prisma.sql`s`)} AND (SELECT count(*) FROM walked) <= ${limit}
           ${inOrder(Prisma.sql`s`)} LIMIT ${limit + 1}))`,
      ])}
      ${rows(Prisma.sql`SELECT id FROM ids`)}`;
  }
  const found = await db.$queryRaw<(LeadDtoSource & { counted: number; id: string | null })[]>(sql);
  return { counted: found[0]?.counted ?? 0, rows: found.filter((r) => r.id !== null) };
}
