// Call lists for the home page and managers: always scoped by the actor.
import "server-only";
import type { Actor } from "../auth/actor";
import { callListScope, leadScope } from "../auth/policy";
import { db } from "../db";
import { decodeCursor, newestFirstPage } from "../db/cursor";
import { validationError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { Page } from "../leads/dto";
import { formatPhone } from "../phone";
import { answeredCallWhere } from "./answered";
import { callInclude, toCallDto } from "./dto";
import type { ListCallsQuery } from "./schemas";

export const callListInclude = {
  ...callInclude,
  lead: { select: { id: true, name: true, phone: true, status: true, ownerId: true } },
} satisfies Prisma.CallInclude;
type CallWithLead = Prisma.CallGetPayload<{ include: typeof callListInclude }>;
export const toCallListItem = (c: CallWithLead) => {
  const call = toCallDto(c);
  // The lead's number is mostly the one called: formatted once (libphonenumber's parse, per number).
  const lead = c.lead
    ? {
        ...c.lead,
        phoneDisplay: c.lead.phone === c.customerNumber && call.customerDisplay ? call.customerDisplay : formatPhone(c.lead.phone),
      }
    : null;
  return { ...call, lead };
};
export type CallListItem = ReturnType<typeof toCallListItem>;

export type CallsSummary = { total: number; answered: number; missed: number; talkSeconds: number };
const TOTAL_CAP = 10_000;

type ListCallsInput = { actor: Actor; query: ListCallsQuery };

/**
 * A page of calls, newest first. The summary (counts by outcome, talk time) is computed for a
 * bounded window only: with `since`, on the first page. A whole-history summary over millions of
 * calls per request is what the dashboard is for.
 */
export async function listCalls({ actor, query }: ListCallsInput): Promise<Page<CallListItem> & { summary: CallsSummary | null }> {
  const scope = await callListScope(actor);
  const where: Prisma.CallWhereInput = {
    AND: [
      scope,
      // Test deliveries' calls (on a test lead) stay out of call lists and their counts.
      { NOT: { lead: { isTest: true } } },
      query.since ? { createdAt: { gte: new Date(query.since) } } : {},
      query.status ? { status: query.status } : {},
      query.direction ? { direction: query.direction } : {},
      query.agentId ? { agentId: query.agentId } : {},
    ],
  };
  const wantSummary = Boolean(query.since) && !query.cursor;
  const [page, groups, talk, answered] = await Promise.all([
    callPage({ where: callListSql(scope, query), cursor: query.cursor, limit: query.limit, count: !wantSummary }),
    wantSummary ? db.call.groupBy({ by: ["status"], where, _count: { _all: true } }) : null,
    wantSummary ? db.call.aggregate({ where, _sum: { talkSeconds: true } }) : null,
    wantSummary ? db.call.count({ where: { AND: [where, answeredCallWhere] } }) : null,
  ]);
  const { rows, counted } = page;
  const count = (statuses: string[]) => (groups ?? []).filter((g) => statuses.includes(g.status)).reduce((n, g) => n + g._count._all, 0);
  const { items, nextCursor } = newestFirstPage(rows, query.limit);
  const all = count(["INITIATED", "RINGING", "ANSWERED", "COMPLETED", "MISSED", "FAILED"]);
  return {
    items: items.map(toCallListItem),
    nextCursor,
    total: counted === null ? all : Math.min(counted, TOTAL_CAP),
    totalCapped: counted !== null && counted > TOTAL_CAP,
    summary: wantSummary
      ? { total: all, answered: answered ?? 0, missed: count(["MISSED"]), talkSeconds: talk?._sum.talkSeconds ?? 0 }
      : null,
  };
}
/**
 * listCalls' conditions as SQL. Test leads' calls are left out by the test leads' ids (a handful,
 * by the index on isTest): a join to each call's lead cost 10,000 lookups for a capped count.
 */
function callListSql(scope: Prisma.CallWhereInput, query: ListCallsQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [
    Prisma.sql`("leadId" IS NULL OR "leadId" <> ALL(ARRAY(SELECT id FROM lead WHERE "isTest")))`,
    ...callListScopeSql(scope),
  ];
  if (query.since) parts.push(Prisma.sql`"createdAt" >= ${new Date(query.since).toISOString()}::timestamp(3)`);
  if (query.status) parts.push(Prisma.sql`status = ${query.status}::"CallStatus"`);
  if (query.direction) parts.push(Prisma.sql`direction = ${query.direction}::"CallDirection"`);
  if (query.agentId) parts.push(Prisma.sql`"agentId" = ${query.agentId}`);
  return Prisma.join(parts, " AND ");
}

/**
 * A page of calls, newest first, with each call's agent and lead, and (count) the total up to the
 * cap in the page's own order, so it walks the same index and stops there: one statement, where
 * Prisma's include made it three round trips one after another and the count a fourth.
 */
async function callPage({ where, cursor, limit, count }: { where: Prisma.Sql; cursor?: string; limit: number; count: boolean }) {
  let after = Prisma.sql`TRUE`;
  if (cursor) {
    const c = decodeCursor(cursor);
    if (Number.isNaN(new Date(c.value).getTime())) throw validationError({ cursor: "is not a valid cursor" });
    const at = Prisma.sql`${new Date(c.value).toISOString()}::timestamp(3)`;
    after = Prisma.sql`"createdAt" <= ${at} AND ("createdAt" < ${at} OR ("createdAt" = ${at} AND id < ${c.id}))`;
  }
  const counted = count
    ? Prisma.sql`SELECT count(*)::int AS n FROM (
        SELECT 1 FROM call WHERE ${where} ORDER BY "createdAt" DESC, id DESC LIMIT ${TOTAL_CAP + 1}) s`
    : Prisma.sql`SELECT NULL::int AS n`;
  const rows = await db.$queryRaw<(CallWithLead & { counted: number | null; id: string | null })[]>`
    SELECT c.n AS counted, p.* FROM (${counted}) c LEFT JOIN LATERAL (
      SELECT k.*,
             (SELECT json_build_object('id', u.id, 'name', u.name) FROM "user" u WHERE u.id = k."agentId") AS agent,
             (SELECT json_build_object('id', l.id, 'name', l.name, 'phone', l.phone, 'status', l.status, 'ownerId', l."ownerId")
                FROM lead l WHERE l.id = k."leadId") AS lead
      FROM call k WHERE ${where} AND ${after} ORDER BY k."createdAt" DESC, k.id DESC LIMIT ${limit + 1}
    ) p ON true
    ORDER BY p."createdAt" DESC, p.id DESC`;
  return { counted: rows[0]?.counted ?? null, rows: rows.filter((r): r is CallWithLead & { counted: number | null } => r.id !== null) };
}

/** callListScope's where as SQL: no condition (admins), the agent ids (a manager's team) or the agent. */
function callListScopeSql(scope: Prisma.CallWhereInput): Prisma.Sql[] {
  const agent = scope.agentId;
  if (agent === undefined && Object.keys(scope).length === 0) return [];
  if (typeof agent === "string") return [Prisma.sql`"agentId" = ${agent}`];
  if (agent && typeof agent === "object" && "in" in agent && Array.isArray(agent.in)) return [Prisma.sql`"agentId" = ANY(${agent.in})`];
  throw new Error("callListScope: a scope the calls list cannot count");
}

export async function missedCallbacks({ actor, days = 14 }: { actor: Actor; days?: number }): Promise<CallListItem[]> {
  const missed = await db.call.findMany({
    where: { direction: "INBOUND", status: "MISSED", createdAt: { gte: new Date(Date.now() - days * 86400_000) }, lead: leadScope(actor) },
    orderBy: { createdAt: "desc" },
    take: 100,
    include: callListInclude,
  });
  if (missed.length === 0) return [];
  const leadIds = [...new Set(missed.map((c) => c.leadId).filter((v): v is string => !!v))];
  const latest = await db.call.groupBy({ by: ["leadId"], where: { leadId: { in: leadIds } }, _max: { createdAt: true } });
  const latestByLead = new Map(latest.map((l) => [l.leadId, l._max.createdAt?.getTime() ?? 0]));
  const seen = new Set<string>();
  return missed
    .filter((c) => c.leadId && latestByLead.get(c.leadId) === c.createdAt.getTime() && !seen.has(c.leadId) && seen.add(c.leadId))
    .slice(0, 20)
    .map(toCallListItem);
}
