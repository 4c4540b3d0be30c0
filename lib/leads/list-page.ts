// The lead list's page as one statement: the page's leads with their owner and numbers, and the
// capped total. Through Prisma's include it was four round trips one after another (the capped
// count, the leads, their owners, their numbers) plus the query compiler's work for each.
import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { LeadDtoSource } from "./dto";
import type { LEAD_SORTS } from "./schemas";

export type LeadSort = (typeof LEAD_SORTS)[number];

const SORT_COLUMN: Record<LeadSort, Prisma.Sql> = {
  updatedAt: Prisma.raw(`"updatedAt"`),
  createdAt: Prisma.raw(`"createdAt"`),
  name: Prisma.raw("name"),
};

/** What toLeadDto reads, the owner's name and every number (the primary first), for at most limit+1 leads. */
function rowsOf(from: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT l.id, l.name, l.phone, l.email, l.source, l."subSource", l.status::text AS status, l."lastContactedAt",
           l."doNotCall", l.purpose::text AS purpose, l."createdAt", l."updatedAt", l.attribution, l.fields,
           l."firstResponseDueAt", l."firstCallAt", l."firstConnectAt", l."firstResponseBreachedAt",
           (SELECT json_build_object('id', u.id, 'name', u.name) FROM "user" u WHERE u.id = l."ownerId") AS owner,
           (SELECT coalesce(json_agg(json_build_object('number', p.number, 'last10', p.last10, 'label', p.label, 'primary', p."primary")
                                     ORDER BY p."primary" DESC, p.position, p."createdAt"), '[]'::json)
              FROM lead_phone p WHERE p."leadId" = l.id) AS phones
    FROM (${from}) l`;
}

export interface LeadPageInput {
  /** Common table expressions `where` reads (`name AS (…)`). */
  ctes: Prisma.Sql[];
  /** The list's filters within the actor's scope (leadListSql). */
  where: Prisma.Sql;
  sort: LeadSort;
  order: "asc" | "desc";
  /** The last row of the previous page. */
  after: { value: string; id: string } | null;
  limit: number;
  /** Totals are exact up to the cap. */
  cap: number;
  /**
   * probe: collect up to cap+1 matches in no particular order first (the trigram and GIN indexes),
   * then sort the page from just those when they are all, or walk the sort order's index when
   * there are more (dense matches find a page at once). count: walk the sort order and count
   * beside it, each stopping at its limit.
   */
  mode: "probe" | "count";
}

export async function leadPage({ ctes, where, sort, order, after, limit, cap, mode }: LeadPageInput) {
  const col = SORT_COLUMN[sort];
  const dir = Prisma.raw(order === "desc" ? "DESC" : "ASC");
  const cmp = Prisma.raw(order === "desc" ? "<" : ">");
  let from = Prisma.sql`TRUE`;
  if (after) {
    const v = sort === "name" ? Prisma.sql`${after.value}` : Prisma.sql`${after.value}::timestamp(3)`;
    // `(sort, id) after (value, id)`, plus the redundant bound `sort <= value` (or >=) that lets
    // PostgreSQL start the index scan at the cursor instead of filtering from the top.
    from = Prisma.sql`${col} ${cmp}= ${v} AND (${col} ${cmp} ${v} OR (${col} = ${v} AND id ${cmp} ${after.id}))`;
  }
  // The page's ids first, then their rows: when the index holds every column the conditions read
  // (lead_updatedAt_id_isTest_name_email_idx for everyone's leads and a search), finding the page is
  // an index-only scan, and the table is read for the page's rows alone.
  const page = (cond: Prisma.Sql, gate: Prisma.Sql) =>
    rowsOf(Prisma.sql`
      SELECT * FROM lead WHERE id IN (
        SELECT id FROM lead WHERE ${cond} AND ${from} AND ${gate} ORDER BY ${col} ${dir}, id ${dir} LIMIT ${limit + 1})`);
  // The total's row comes first and the page joins it, so an empty page still brings the count;
  // the gates refer only to the count, so PostgreSQL runs just the branch it picks.
  const sql =
    mode === "probe"
      ? // The matches are planned as if all were wanted (a CTE is), so the planner takes the trigram
        // and GIN indexes for any selective search; read lazily, they stop at cap+1 all the same.
        // Planned with the LIMIT, it walked the table's 2.5% of matches for a surname one by one instead.
        Prisma.sql`
        WITH ${Prisma.join([...ctes, Prisma.sql`hits AS MATERIALIZED (SELECT id FROM lead WHERE ${where})`])}
        SELECT c.n AS counted, p.* FROM (SELECT count(*)::int AS n FROM (SELECT 1 FROM hits LIMIT ${cap + 1}) s) c
        LEFT JOIN LATERAL (
          ${page(Prisma.sql`id IN (SELECT id FROM hits)`, Prisma.sql`c.n <= ${cap}`)}
          UNION ALL
          ${page(where, Prisma.sql`c.n > ${cap}`)}
        ) p ON true
        ORDER BY p.${col} ${dir}, p.id ${dir}`
      : // Counted in the default order, whatever the page's: its indexes hold isTest, so the count
        // is an index-only scan that stops at the cap (a sequential scan read 250 pages for it).
        Prisma.sql`
        ${ctes.length ? Prisma.sql`WITH ${Prisma.join(ctes)}` : Prisma.empty}
        SELECT c.n AS counted, p.*
        FROM (SELECT count(*)::int AS n FROM (
          SELECT 1 FROM lead WHERE ${where} ORDER BY "updatedAt" DESC, id DESC LIMIT ${cap + 1}) s) c
        LEFT JOIN LATERAL (${page(where, Prisma.sql`TRUE`)}) p ON true
        ORDER BY p.${col} ${dir}, p.id ${dir}`;
  const rows = await db.$queryRaw<(LeadDtoSource & { counted: number; id: string | null })[]>(sql);
  const counted = rows[0]?.counted ?? 0;
  return { counted, rows: rows.filter((r) => r.id !== null) };
}
