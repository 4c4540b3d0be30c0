// Call lists for the home page and managers: always scoped by the actor.
import "server-only";
import type { Actor } from "../auth/actor";
import { callListScope, leadScope } from "../auth/policy";
import { db } from "../db";
import { newestFirstAfter, newestFirstPage } from "../db/cursor";
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
export const toCallListItem = (c: CallWithLead) => ({
  ...toCallDto(c),
  customerDisplay: c.customerNumber ? formatPhone(c.customerNumber) : null,
  lead: c.lead ? { ...c.lead, phoneDisplay: formatPhone(c.lead.phone) } : null,
});
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
  const [rows, groups, talk, counted, answered] = await Promise.all([
    db.call.findMany({
      where: { AND: [where, newestFirstAfter(query.cursor)] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      include: callListInclude,
    }),
    wantSummary ? db.call.groupBy({ by: ["status"], where, _count: { _all: true } }) : null,
    wantSummary ? db.call.aggregate({ where, _sum: { talkSeconds: true } }) : null,
    wantSummary ? null : cappedCallCount(scope, query),
    wantSummary ? db.call.count({ where: { AND: [where, answeredCallWhere] } }) : null,
  ]);
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
 * The calls `listCalls` lists, counted up to the cap in the page's own order, so the count walks
 * the same index as the page and stops at the cap. Test leads' calls are left out by the test
 * leads' ids (a handful, by the index on isTest): a join to each call's lead cost 10,000 lookups.
 */
async function cappedCallCount(scope: Prisma.CallWhereInput, query: ListCallsQuery): Promise<number> {
  const parts: Prisma.Sql[] = [
    Prisma.sql`("leadId" IS NULL OR "leadId" <> ALL(ARRAY(SELECT id FROM lead WHERE "isTest")))`,
    ...callListScopeSql(scope),
  ];
  if (query.since) parts.push(Prisma.sql`"createdAt" >= ${new Date(query.since).toISOString()}::timestamp(3)`);
  if (query.status) parts.push(Prisma.sql`status = ${query.status}::"CallStatus"`);
  if (query.direction) parts.push(Prisma.sql`direction = ${query.direction}::"CallDirection"`);
  if (query.agentId) parts.push(Prisma.sql`"agentId" = ${query.agentId}`);
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM call WHERE ${Prisma.join(parts, " AND ")} ORDER BY "createdAt" DESC, id DESC LIMIT ${TOTAL_CAP + 1}) s`;
  return row?.n ?? 0;
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
