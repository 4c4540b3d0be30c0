// Lead use cases. Every query is scoped by the actor: agents see only the leads they own.
import "server-only";
import type { z } from "zod";
import { audit } from "../audit/log";
import type { Actor } from "../auth/actor";
import { isSupervisor } from "../auth/actor";
import { leadScope } from "../auth/policy";
import { assertCallable } from "../calls/callable";
import { db } from "../db";
import { decodeCursor, encodeCursor, newestFirstAfter, newestFirstPage } from "../db/cursor";
import { AppError, isUniqueViolation, notFound, validationError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { normalizePhone } from "../phone";
import { findAssignableOwner } from "../users/service";
import { nextRoundRobinOwner } from "./assign";
import { type ActivityDto, activityInclude, type LeadDto, leadInclude, type Page, toActivityDto, toLeadDto } from "./dto";
import type { createLeadSchema, ListLeadsQuery, noteSchema, paginationSchema, updateLeadSchema } from "./schemas";
import { transitionLeadStatus } from "./status";

/**
 * Lists report exact totals up to this many rows, then "10,000+". A search counts to 500: its
 * matches are scattered over the table, and every counted row is a heap visit.
 */
export const LEAD_TOTAL_CAP = 10_000;
export const LEAD_SEARCH_TOTAL_CAP = 500;

/** Get-or-404 within the actor's scope. */
export async function findVisibleLead(actor: Actor, id: string) {
  const lead = await db.lead.findFirst({ where: { AND: [{ id }, leadScope(actor)] }, include: leadInclude });
  if (!lead) throw notFound("Lead");
  return lead;
}

async function resolveOwnerId(actor: Actor, ownerId: string | null | undefined, fallback: string | null): Promise<string | null> {
  if (ownerId === undefined) return fallback;
  if (!isSupervisor(actor)) {
    if (ownerId !== actor.id) throw validationError({ ownerId: "agents can only own leads themselves; ask a manager to assign" });
    return ownerId;
  }
  if (ownerId === null) return null;
  // The same rule as bulk assignment and import: a manager gives leads to their own team.
  return (await findAssignableOwner(actor, ownerId)).id;
}

function requirePhone(raw: string) {
  const phone = normalizePhone(raw);
  if (!phone) throw validationError({ phone: "is not a valid phone number" });
  assertCallable(phone.e164);
  return phone;
}

async function duplicatePhoneError(actor: Actor, e164: string, exceptId?: string): Promise<AppError | null> {
  const existing = await db.lead.findFirst({
    where: { phone: e164, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, name: true, ownerId: true },
  });
  if (!existing) return null;
  const visible = isSupervisor(actor) || existing.ownerId === actor.id;
  return visible
    ? new AppError("CONFLICT", `A lead with this phone already exists: ${existing.name}`, {
        fields: { phone: "is already used by another lead" },
        existingLead: { id: existing.id, name: existing.name },
      })
    : new AppError("CONFLICT", "A lead with this phone already exists and belongs to another agent", {
        fields: { phone: "is already used by another lead" },
      });
}

export async function createLead({ actor, input }: { actor: Actor; input: z.infer<typeof createLeadSchema> }): Promise<LeadDto> {
  const phone = requirePhone(input.phone);
  const ownerId = await resolveOwnerId(actor, input.ownerId, isSupervisor(actor) ? null : actor.id);
  const duplicate = await duplicatePhoneError(actor, phone.e164);
  if (duplicate) throw duplicate;
  try {
    const lead = await db.$transaction(async (tx) => {
      // A manager's new lead with no owner named goes to the next agent in turn when round-robin is on.
      const roundRobin = ownerId === null && input.ownerId === undefined ? await nextRoundRobinOwner(tx) : null;
      const created = await tx.lead.create({
        data: {
          name: input.name,
          phone: phone.e164,
          phoneLast10: phone.last10,
          email: input.email ?? null,
          source: input.source ?? null,
          ownerId: ownerId ?? roundRobin,
        },
        include: leadInclude,
      });
      await tx.activity.create({
        data: {
          leadId: created.id,
          type: "LEAD_CREATED",
          actorId: actor.id,
          payload: { source: created.source, ...(roundRobin ? { assignedBy: "round-robin", toName: created.owner?.name ?? null } : {}) },
        },
      });
      return created;
    });
    return toLeadDto(lead);
  } catch (error) {
    // Two creates racing on one phone: the unique index decides, the loser gets the 409.
    if (isUniqueViolation(error)) throw (await duplicatePhoneError(actor, phone.e164)) ?? error;
    throw error;
  }
}

export async function getLead({ actor, id }: { actor: Actor; id: string }): Promise<LeadDto> {
  return toLeadDto(await findVisibleLead(actor, id));
}

/** Search text for LIKE: a typed % or _ matches only itself. */
const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);
const containsPattern = (v: string) => `%${escapeLike(v)}%`;

/** The digits of a search that also look for a phone number (three or more; the last ten of a longer one). */
function phoneNeedle(q: string): string | null {
  const digits = q.replace(/\D/g, "");
  if (digits.length < 3) return null;
  return digits.length > 10 ? digits.slice(-10) : digits;
}

function searchWhere(q: string | undefined): Prisma.LeadWhereInput {
  if (!q) return {};
  const or: Prisma.LeadWhereInput[] = [
    { name: { contains: escapeLike(q), mode: "insensitive" } },
    { email: { contains: escapeLike(q), mode: "insensitive" } },
  ];
  const phone = phoneNeedle(q);
  if (phone) or.push({ phone: { contains: phone } });
  return { OR: or };
}

/** The filters of the lead list (search, status, owner) within the actor's scope; shared with the CSV export. */
export function leadListWhere(actor: Actor, query: Pick<ListLeadsQuery, "q" | "status" | "ownerId">): Prisma.LeadWhereInput {
  if (query.ownerId && !isSupervisor(actor) && query.ownerId !== actor.id) return { id: { in: [] } };
  return {
    AND: [
      leadScope(actor),
      searchWhere(query.q),
      query.status ? { status: query.status } : {},
      query.ownerId ? { ownerId: query.ownerId } : {},
    ],
  };
}

/**
 * leadListWhere as SQL, for the search probe: Prisma orders every capped query (by id), which
 * keeps PostgreSQL off the trigram indexes. Kept beside leadListWhere; the service tests run
 * every search through both.
 */
function leadListSql(actor: Actor, query: Pick<ListLeadsQuery, "q" | "status" | "ownerId">): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (!isSupervisor(actor)) parts.push(Prisma.sql`"ownerId" = ${actor.id}`);
  if (query.q) {
    const or = [Prisma.sql`name ILIKE ${containsPattern(query.q)}`, Prisma.sql`email ILIKE ${containsPattern(query.q)}`];
    const phone = phoneNeedle(query.q);
    if (phone) or.push(Prisma.sql`phone LIKE ${containsPattern(phone)}`);
    parts.push(Prisma.sql`(${Prisma.join(or, " OR ")})`);
  }
  if (query.status) parts.push(Prisma.sql`status = ${query.status}::"LeadStatus"`);
  if (query.ownerId) parts.push(Prisma.sql`"ownerId" = ${query.ownerId}`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

export async function listLeads({ actor, query }: { actor: Actor; query: ListLeadsQuery }): Promise<Page<LeadDto>> {
  if (query.ownerId && !isSupervisor(actor) && query.ownerId !== actor.id) {
    // An agent asking for someone else's leads simply sees none of them.
    return { items: [], nextCursor: null, total: 0 };
  }
  const where = leadListWhere(actor, query);
  const cap = query.q ? LEAD_SEARCH_TOTAL_CAP : LEAD_TOTAL_CAP;
  const { sort, order } = query;
  const cmp = order === "desc" ? "lt" : "gt";
  let cursorWhere: Prisma.LeadWhereInput = {};
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    const value = sort === "name" ? c.value : new Date(c.value);
    if (value instanceof Date && Number.isNaN(value.getTime())) throw validationError({ cursor: "is not a valid cursor" });
    // `(sort, id) after (value, id)`, plus the redundant bound `sort <= value` (or >=) that lets
    // PostgreSQL start the index scan at the cursor instead of filtering from the top.
    cursorWhere = {
      AND: [{ [sort]: { [`${cmp}e`]: value } }, { OR: [{ [sort]: { [cmp]: value } }, { [sort]: value, id: { [cmp]: c.id } }] }],
    };
  }
  const page = (scope: Prisma.LeadWhereInput) =>
    db.lead.findMany({
      where: { AND: [scope, cursorWhere] },
      orderBy: [{ [sort]: order }, { id: order }],
      take: query.limit + 1,
      include: leadInclude,
    });
  let rows: Awaited<ReturnType<typeof page>>;
  let counted: number;
  if (query.q) {
    // A search first collects up to cap+1 matching ids in no particular order, which lets the
    // planner use the trigram indexes. Few matches (a full name, a phone number): the page is
    // sorted from just those. Many (a common surname): matches are dense, and walking the sort
    // order's index finds a page at once. The planner cannot tell the two apart on its own and
    // took the slow plan for each about half the time (365 ms for a full name).
    const matches = await db.$queryRaw<{ id: string }[]>`SELECT id FROM lead WHERE ${leadListSql(actor, query)} LIMIT ${cap + 1}`;
    counted = matches.length;
    rows = await page(counted <= cap ? { id: { in: matches.map((m) => m.id) } } : where);
  } else {
    // Counting a million rows on every page would cost more than the page: count up to the cap.
    [rows, counted] = await Promise.all([page(where), db.lead.count({ where, take: cap + 1 })]);
  }
  const total = Math.min(counted, cap);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor(sort === "name" ? last.name : last[sort].toISOString(), last.id) : null;
  return { items: items.map(toLeadDto), nextCursor, total, totalCapped: counted > cap };
}

export async function updateLead({
  actor,
  id,
  patch,
}: {
  actor: Actor;
  id: string;
  patch: z.infer<typeof updateLeadSchema>;
}): Promise<LeadDto> {
  const lead = await findVisibleLead(actor, id);
  const data: Prisma.LeadUncheckedUpdateManyInput = {};
  if (patch.name !== undefined) data.name = patch.name;
  if (patch.email !== undefined) data.email = patch.email;
  if (patch.source !== undefined) data.source = patch.source;
  if (patch.phone !== undefined) {
    const phone = requirePhone(patch.phone);
    if (phone.e164 !== lead.phone) {
      const duplicate = await duplicatePhoneError(actor, phone.e164, lead.id);
      if (duplicate) throw duplicate;
      data.phone = phone.e164;
      data.phoneLast10 = phone.last10;
    }
  }
  let newOwnerId: string | null | undefined;
  // Only a change of owner is checked: a manager may edit a lead another team's agent owns.
  if (patch.ownerId !== undefined && patch.ownerId !== lead.ownerId) {
    if (!isSupervisor(actor)) throw validationError({ ownerId: "only managers and admins assign leads" });
    newOwnerId = await resolveOwnerId(actor, patch.ownerId, lead.ownerId);
    data.ownerId = newOwnerId;
  }
  try {
    await db.$transaction(async (tx) => {
      if (Object.keys(data).length) {
        const { count } = await tx.lead.updateMany({ where: { AND: [{ id }, leadScope(actor)] }, data });
        if (count === 0) throw notFound("Lead");
      }
      if (data.phone !== undefined) {
        await tx.activity.create({
          data: { leadId: id, type: "PHONE_CHANGE", actorId: actor.id, payload: { from: lead.phone, to: data.phone } },
        });
      }
      if (newOwnerId !== undefined && newOwnerId !== lead.ownerId) {
        const names = await tx.user.findMany({
          where: { id: { in: [lead.ownerId, newOwnerId].filter((v): v is string => !!v) } },
          select: { id: true, name: true },
        });
        const nameOf = (userId: string | null) => names.find((u) => u.id === userId)?.name ?? null;
        await tx.activity.create({
          data: {
            leadId: id,
            type: "ASSIGNMENT",
            actorId: actor.id,
            payload: { from: lead.ownerId, to: newOwnerId, fromName: nameOf(lead.ownerId), toName: nameOf(newOwnerId) },
          },
        });
        await audit(
          {
            actor,
            action: "lead.assigned",
            target: { type: "lead", id },
            before: { ownerId: lead.ownerId },
            after: { ownerId: newOwnerId },
          },
          tx,
        );
      }
      if (patch.status && patch.status !== lead.status) {
        const moved = await transitionLeadStatus(tx, { leadId: id, from: lead.status, to: patch.status, actorId: actor.id });
        if (!moved) throw new AppError("CONFLICT", "The lead's status changed meanwhile; reload and try again");
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw (await duplicatePhoneError(actor, String(data.phone), id)) ?? error;
    throw error;
  }
  return getLead({ actor, id });
}

export async function listActivities({
  actor,
  leadId,
  page,
}: {
  actor: Actor;
  leadId: string;
  page: z.infer<typeof paginationSchema>;
}): Promise<Page<ActivityDto>> {
  await findVisibleLead(actor, leadId);
  const [rows, total] = await Promise.all([
    db.activity.findMany({
      where: { AND: [{ leadId }, newestFirstAfter(page.cursor)] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: page.limit + 1,
      include: activityInclude,
    }),
    db.activity.count({ where: { leadId } }),
  ]);
  const { items, nextCursor } = newestFirstPage(rows, page.limit);
  return { items: items.map(toActivityDto), nextCursor, total };
}

export async function addNote({
  actor,
  leadId,
  input,
}: {
  actor: Actor;
  leadId: string;
  input: z.infer<typeof noteSchema>;
}): Promise<ActivityDto> {
  await findVisibleLead(actor, leadId);
  const activity = await db.activity.create({
    data: { leadId, type: "NOTE", actorId: actor.id, payload: { body: input.body } },
    include: activityInclude,
  });
  return toActivityDto(activity);
}
