// New leads waiting for their first call (speed to lead): the lead's first-response clock runs and
// nobody has called it yet. The agent's Home queue (by time left, overdue first) and the managers'
// "Leads waiting" on /live (oldest first), scoped to the leads whose work the actor follows.
import "server-only";
import type { Actor } from "../auth/actor";
import { teamLeadScope } from "../auth/policy";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { type LeadDto, leadInclude, toLeadDto } from "./dto";
import type { WaitingLeadsQuery } from "./schemas";

/** Counted up to this many ("1,000+"). */
export const WAITING_TOTAL_CAP = 1000;
/** What they asked, cut to this many characters for a list. */
const ASKED_CHARS = 280;

/** A clock that runs with no call yet, on a lead still open (the reminder and escalation sweep's meaning). */
export const waitingWhere: Prisma.LeadWhereInput = {
  firstResponseDueAt: { not: null },
  firstCallAt: null,
  erasedAt: null,
  isTest: false,
  status: { notIn: ["WON", "LOST"] },
};

export type WaitingLead = LeadDto & {
  /** How often the clock moved the lead to another agent. */
  reassignments: number;
  /** What they asked: the newest note or message that came with the lead (or a later enquiry). */
  asked: string | null;
};

/** The newest note or enquiry message of each lead. */
async function askedOf(leadIds: string[]): Promise<Map<string, string>> {
  if (leadIds.length === 0) return new Map();
  const entries = await db.activity.findMany({
    where: { leadId: { in: leadIds }, type: { in: ["NOTE", "ENQUIRED_AGAIN"] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { leadId: true, payload: true },
  });
  const asked = new Map<string, string>();
  for (const e of entries) {
    if (asked.has(e.leadId)) continue;
    const payload = (e.payload ?? {}) as { body?: unknown; message?: unknown };
    const text = typeof payload.body === "string" ? payload.body : typeof payload.message === "string" ? payload.message : "";
    if (text.trim()) asked.set(e.leadId, text.trim().slice(0, ASKED_CHARS));
  }
  return asked;
}

export async function listWaitingLeads({ actor, query }: { actor: Actor; query: WaitingLeadsQuery }) {
  const where: Prisma.LeadWhereInput = { AND: [teamLeadScope(actor), waitingWhere] };
  const orderBy: Prisma.LeadOrderByWithRelationInput[] =
    query.order === "oldest" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ firstResponseDueAt: "asc" }, { id: "asc" }];
  const [rows, counted] = await Promise.all([
    db.lead.findMany({ where, orderBy, take: query.limit, include: leadInclude }),
    db.lead.count({ where, take: WAITING_TOTAL_CAP + 1 }),
  ]);
  const asked = await askedOf(rows.map((r) => r.id));
  const items: WaitingLead[] = rows.map((r) => ({ ...toLeadDto(r), reassignments: r.reassignments, asked: asked.get(r.id) ?? null }));
  return { items, total: Math.min(counted, WAITING_TOTAL_CAP), totalCapped: counted > WAITING_TOTAL_CAP };
}
export type WaitingLeads = Awaited<ReturnType<typeof listWaitingLeads>>;
