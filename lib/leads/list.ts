// Lead list and search: scoped by the actor, keyset-paginated, with capped totals.
import "server-only";
import type { Actor } from "../auth/actor";
import { isSupervisor } from "../auth/actor";
import { leadScope } from "../auth/policy";
import type { FieldValues } from "../custom-fields/types";
import { db } from "../db";
import { decodeCursor, encodeCursor } from "../db/cursor";
import { validationError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { type LeadDto, leadInclude, type Page, toLeadDto } from "./dto";
import { idsSortedByField } from "./list-by-field";
import { type LeadSort, leadPage } from "./list-page";
import type { ListLeadsQuery } from "./schemas";

/**
 * Lists report exact totals up to this many rows, then "10,000+". A search counts to 500: its
 * matches are scattered over the table, and every counted row is a heap visit.
 */
export const LEAD_TOTAL_CAP = 10_000;
export const LEAD_SEARCH_TOTAL_CAP = 500;

/** Search text for LIKE: a typed % or _ matches only itself. */
const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

const containsPattern = (v: string) => `%${escapeLike(v)}%`;

/** The digits of a search that also look for a phone number (three or more; the last ten of a longer one). */
function phoneNeedle(q: string): string | null {
  const digits = q.replace(/\D/g, "");
  if (digits.length < 3) return null;
  return digits.length > 10 ? digits.slice(-10) : digits;
}

/**
 * The leads with a number containing the search's digits, any of their numbers (lead_phone, its
 * trigram index): looked up first, so the lead query stays an OR of indexed conditions.
 */
async function leadsWithNumberLike(q: string | undefined): Promise<string[] | null> {
  const digits = q ? phoneNeedle(q) : null;
  if (!digits) return null;
  const rows = await db.$queryRaw<{ leadId: string }[]>`
    SELECT DISTINCT "leadId" FROM lead_phone WHERE number LIKE ${containsPattern(digits)} LIMIT ${LEAD_SEARCH_TOTAL_CAP * 2}`;
  return rows.map((r) => r.leadId);
}

/**
 * leadsWithNumberLike inside the list's own statement, as a CTE its conditions read through an
 * ARRAY(subquery): that runs once before the rest (an InitPlan) and still lets the lead query OR its
 * indexed conditions, without a round trip of its own.
 */
function leadsWithNumberLikeCte(q: string | undefined): Prisma.Sql | null {
  const digits = q ? phoneNeedle(q) : null;
  if (!digits) return null;
  return Prisma.sql`numbers AS MATERIALIZED (
    SELECT DISTINCT "leadId" FROM lead_phone WHERE number LIKE ${containsPattern(digits)} LIMIT ${LEAD_SEARCH_TOTAL_CAP * 2})`;
}
const NUMBERS_CTE_IDS = Prisma.sql`ARRAY(SELECT "leadId" FROM numbers)`;

function searchWhere(q: string | undefined, numberLeadIds: string[] | null): Prisma.LeadWhereInput {
  if (!q) return {};
  const or: Prisma.LeadWhereInput[] = [
    { name: { contains: escapeLike(q), mode: "insensitive" } },
    { email: { contains: escapeLike(q), mode: "insensitive" } },
  ];
  if (numberLeadIds?.length) or.push({ id: { in: numberLeadIds } });
  return { OR: or };
}

type ListFilters = Pick<ListLeadsQuery, "q" | "status" | "ownerId"> & {
  /** Custom field values the leads must hold (lib/custom-fields/filters.ts). */
  fields?: FieldValues;
};

/** Custom-field filters for Prisma (a JSON path each; a multi-select: contains the choice). */
const fieldsWhere = (fields: FieldValues | undefined): Prisma.LeadWhereInput[] =>
  Object.entries(fields ?? {}).map(([key, value]) =>
    Array.isArray(value) ? { fields: { path: [key], array_contains: value } } : { fields: { path: [key], equals: value } },
  );

/** The filters of the lead list (search, status, owner) within the actor's scope; shared with the CSV export. */
export async function leadListWhere(actor: Actor, query: ListFilters): Promise<Prisma.LeadWhereInput> {
  return leadListWhereWith(actor, query, await leadsWithNumberLike(query.q));
}

function leadListWhereWith(actor: Actor, query: ListFilters, numberLeadIds: string[] | null): Prisma.LeadWhereInput {
  if (query.ownerId && !isSupervisor(actor) && query.ownerId !== actor.id) return { id: { in: [] } };
  return {
    AND: [
      leadScope(actor),
      { isTest: false },
      searchWhere(query.q, numberLeadIds),
      query.status ? { status: query.status } : {},
      query.ownerId ? { ownerId: query.ownerId } : {},
      ...fieldsWhere(query.fields),
    ],
  };
}

/**
 * leadListWhere as SQL, for the search probe: Prisma orders every capped query (by id), which
 * keeps PostgreSQL off the trigram indexes. Kept beside leadListWhere; the service tests run
 * every search through both.
 */
function leadListSql(actor: Actor, query: ListFilters, numberLeadIds: string[] | Prisma.Sql | null): Prisma.Sql {
  const { base, search } = leadListSqlParts(actor, query, numberLeadIds);
  return Prisma.join([...base, ...search], " AND ");
}

/** leadListSql in two: the list (scope, status, owner) and what a search or a custom-field filter adds to it. */
function leadListSqlParts(actor: Actor, query: ListFilters, numberLeadIds: string[] | Prisma.Sql | null) {
  const base: Prisma.Sql[] = [Prisma.sql`"isTest" = false`];
  const search: Prisma.Sql[] = [];
  if (!isSupervisor(actor)) base.push(Prisma.sql`"ownerId" = ${actor.id}`);
  if (query.q) {
    const or = [Prisma.sql`name ILIKE ${containsPattern(query.q)}`, Prisma.sql`email ILIKE ${containsPattern(query.q)}`];
    if (numberLeadIds instanceof Prisma.Sql) or.push(Prisma.sql`id = ANY(${numberLeadIds})`);
    else if (numberLeadIds?.length) or.push(Prisma.sql`id = ANY(${numberLeadIds})`);
    search.push(Prisma.sql`(${Prisma.join(or, " OR ")})`);
  }
  if (query.status) base.push(Prisma.sql`status = ${query.status}::"LeadStatus"`);
  if (query.ownerId) base.push(Prisma.sql`"ownerId" = ${query.ownerId}`);
  // One containment test for every custom-field filter: the GIN index on lead.fields (jsonb_path_ops).
  if (query.fields && Object.keys(query.fields).length) search.push(Prisma.sql`fields @> ${JSON.stringify(query.fields)}::jsonb`);
  return { base, search };
}

export async function listLeads({
  actor,
  query,
}: {
  actor: Actor;
  query: ListLeadsQuery & { fields?: FieldValues };
}): Promise<Page<LeadDto>> {
  if (query.ownerId && !isSupervisor(actor) && query.ownerId !== actor.id) {
    // An agent asking for someone else's leads simply sees none of them.
    return { items: [], nextCursor: null, total: 0 };
  }
  // A search or a custom-field filter is probed in SQL first (trigram and GIN indexes), as below.
  const probe = Boolean(query.q || (query.fields && Object.keys(query.fields).length));
  const cap = probe ? LEAD_SEARCH_TOTAL_CAP : LEAD_TOTAL_CAP;
  if (query.sort.startsWith("f.")) {
    const key = query.sort.slice(2);
    if (!(await db.customField.findUnique({ where: { key }, select: { id: true } })))
      throw validationError({ sort: "is not a custom field" });
    const numberLeadIds = await leadsWithNumberLike(query.q);
    const [found, counted] = await Promise.all([
      idsSortedByField({
        where: leadListSql(actor, query, numberLeadIds),
        key,
        order: query.order,
        limit: query.limit,
        cursor: query.cursor,
      }),
      db.lead.count({ where: leadListWhereWith(actor, query, numberLeadIds), take: cap + 1 }),
    ]);
    const rows = await db.lead.findMany({ where: { id: { in: found.ids } }, include: leadInclude });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = found.ids.flatMap((id) => (byId.has(id) ? [toLeadDto(byId.get(id)!)] : []));
    return { items, nextCursor: found.nextCursor, total: Math.min(counted, cap), totalCapped: counted > cap };
  }
  const { order } = query;
  const sort = query.sort as LeadSort;
  let after: { value: string; id: string } | null = null;
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    if (sort !== "name" && Number.isNaN(new Date(c.value).getTime())) throw validationError({ cursor: "is not a valid cursor" });
    after = { value: sort === "name" ? c.value : new Date(c.value).toISOString(), id: c.id };
  }
  // How the page and its total are found, searched or not: lib/leads/list-page.ts.
  const numbers = leadsWithNumberLikeCte(query.q);
  const { base, search } = leadListSqlParts(actor, query, numbers ? NUMBERS_CTE_IDS : null);
  const { rows, counted } = await leadPage({
    ctes: numbers ? [numbers] : [],
    base: Prisma.join(base, " AND "),
    search: search.length ? Prisma.join(search, " AND ") : null,
    searchColumns: query.fields && Object.keys(query.fields).length ? ["name", "email", "fields"] : ["name", "email"],
    sort,
    order,
    after,
    limit: query.limit,
    cap,
    // A number's digits are looked up among the numbers (their trigram index); a word may be a surname.
    mayBeDense: /\p{L}/u.test(query.q ?? ""),
  });
  const total = Math.min(counted, cap);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor(sort === "name" ? last.name : last[sort].toISOString(), last.id) : null;
  return { items: items.map(toLeadDto), nextCursor, total, totalCapped: counted > cap };
}
