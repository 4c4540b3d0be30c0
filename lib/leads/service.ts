// Lead use cases. Every query is scoped by the actor: agents see only the leads they own.
import "server-only";
import type { z } from "zod";
import { audit } from "../audit/log";
import type { Actor } from "../auth/actor";
import { isSupervisor } from "../auth/actor";
import { callScope, leadManageScope, leadScope } from "../auth/policy";
import { isMonitorEntry } from "../calls/monitoring";
import { ACTIVE_CALL_STATUSES } from "../calls/status";
import { db } from "../db";
import { newestFirstAfter, newestFirstPage } from "../db/cursor";
import { AppError, isUniqueViolation, notFound, validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { findAssignableOwner } from "../users/service";
import { nextRoundRobinOwner } from "./assign";
import { type ActivityDto, activityInclude, type LeadDto, leadInclude, type Page, toActivityDto, toLeadDto } from "./dto";
import { flagPrimary, phoneConflict, type ResolvedPhone, resolvePhones, writeSecondaryPhones } from "./phones";
import type { createLeadSchema, noteSchema, paginationSchema, updateLeadSchema } from "./schemas";
import { transitionLeadStatus } from "./status";

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

/** A stored number, as the phone functions take it (kept as it is). */
const toResolved = (p: { number: string; last10: string; label: ResolvedPhone["label"] }): ResolvedPhone => ({
  e164: p.number,
  last10: p.last10,
  label: p.label,
  primary: false,
  field: "phones",
});

export async function createLead({ actor, input }: { actor: Actor; input: z.infer<typeof createLeadSchema> }): Promise<LeadDto> {
  const phones = resolvePhones(input)!;
  const phone = phones.find((p) => p.primary)!;
  const ownerId = await resolveOwnerId(actor, input.ownerId, isSupervisor(actor) ? null : actor.id);
  const duplicate = await phoneConflict(actor, phones);
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
      if (phones.length > 1 || phone.label !== "MOBILE") {
        await writeSecondaryPhones(tx, created.id, phones);
        await flagPrimary(tx, created.id, phone);
      }
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
    return getLead({ actor, id: lead.id });
  } catch (error) {
    // Two creates racing on one phone: the unique index decides, the loser gets the 409.
    if (isUniqueViolation(error)) throw (await phoneConflict(actor, phones)) ?? error;
    throw error;
  }
}

export async function getLead({ actor, id }: { actor: Actor; id: string }): Promise<LeadDto> {
  return toLeadDto(await findVisibleLead(actor, id));
}

type UpdateLeadInput = { actor: Actor; id: string; patch: z.infer<typeof updateLeadSchema> };

export async function updateLead({ actor, id, patch }: UpdateLeadInput): Promise<LeadDto> {
  const lead = await findVisibleLead(actor, id);
  const data: Prisma.LeadUncheckedUpdateManyInput = {};
  if (patch.name !== undefined) data.name = patch.name;
  if (patch.email !== undefined) data.email = patch.email;
  if (patch.source !== undefined) data.source = patch.source;
  // `phone` alone replaces the primary number (as before); `phones` replaces them all.
  const phones = resolvePhones({ phone: patch.phone, phones: patch.phones });
  const primary = phones?.find((p) => p.primary);
  const before = lead.phones.map((p) => p.number);
  const keep = patch.phones === undefined && phones ? [...lead.phones.filter((p) => !p.primary).map(toResolved), ...phones] : phones;
  if (phones) {
    const duplicate = await phoneConflict(actor, phones, lead.id);
    if (duplicate) throw duplicate;
    if (primary!.e164 !== lead.phone) {
      data.phone = primary!.e164;
      data.phoneLast10 = primary!.last10;
    }
  }
  let newOwnerId: string | null | undefined;
  // Only a change of owner is checked: a manager may edit a lead another team's agent owns.
  if (patch.ownerId !== undefined && patch.ownerId !== lead.ownerId) {
    if (!isSupervisor(actor)) throw validationError({ ownerId: "only managers and admins assign leads" });
    // One rule with bulk assignment: a manager moves only leads in their team's scope (to their team or nobody).
    if (!(await db.lead.findFirst({ where: { AND: [{ id }, leadManageScope(actor)] }, select: { id: true } })))
      throw validationError({ ownerId: "this lead is not yours to assign: it belongs to another team" });
    newOwnerId = await resolveOwnerId(actor, patch.ownerId, lead.ownerId);
    data.ownerId = newOwnerId;
  }
  try {
    await db.$transaction(async (tx) => {
      if (Object.keys(data).length) {
        const { count } = await tx.lead.updateMany({ where: { AND: [{ id }, leadScope(actor)] }, data });
        if (count === 0) throw notFound("Lead");
      }
      if (keep) {
        await writeSecondaryPhones(tx, id, keep);
        await flagPrimary(tx, id, primary!);
        const after = keep.map((p) => p.e164);
        if (data.phone !== undefined || before.join() !== after.join()) {
          await tx.activity.create({
            data: {
              leadId: id,
              type: "PHONE_CHANGE",
              actorId: actor.id,
              payload: { from: lead.phone, to: primary!.e164, before, numbers: after },
            },
          });
        }
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
    if (isUniqueViolation(error) && phones) throw (await phoneConflict(actor, phones, id)) ?? error;
    throw error;
  }
  return getLead({ actor, id });
}

type ListActivitiesInput = { actor: Actor; leadId: string; page: z.infer<typeof paginationSchema> };

export async function listActivities({ actor, leadId, page }: ListActivitiesInput): Promise<Page<ActivityDto>> {
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
  const hidden = await silentWhileLive(actor, items);
  const shown = items.filter((a) => !hidden.has(a.id)).map(toActivityDto);
  return { items: await withCallsInScope(actor, shown), nextCursor, total: total - hidden.size };
}

/**
 * One scope for calls wherever they appear: a manager reads every lead's timeline, but the calls on
 * it of another team's agents (number, agent, outcome, recording) only as "a call", as the calls API
 * answers them 404. Agents see their own leads' timelines whole; admins everything.
 */
async function withCallsInScope(actor: Actor, activities: ActivityDto[]): Promise<ActivityDto[]> {
  if (actor.role !== "MANAGER") return activities;
  const ids = activities.flatMap((a) => (a.call ? [a.call.id] : []));
  if (ids.length === 0) return activities;
  const visible = new Set(
    (await db.call.findMany({ where: { AND: [{ id: { in: ids } }, callScope(actor)] }, select: { id: true } })).map((c) => c.id),
  );
  return activities.map((a) => (a.call && !visible.has(a.call.id) ? { ...a, call: null } : a));
}

/**
 * Silent monitoring is silent: the agent does not see "… listened in" while that call is live
 * (supervisors and the audit log do). Whispering and barging are heard, so they show at once.
 */
async function silentWhileLive(actor: Actor, items: { id: string; type: string; payload: unknown }[]): Promise<Set<string>> {
  if (isSupervisor(actor)) return new Set();
  const monitors = items.filter((a) => isMonitorEntry(a));
  if (monitors.length === 0) return new Set();
  const callIds = monitors.map((a) => String((a.payload as { callId?: unknown }).callId));
  const live = await db.call.findMany({ where: { id: { in: callIds }, status: { in: [...ACTIVE_CALL_STATUSES] } }, select: { id: true } });
  const liveIds = new Set(live.map((c) => c.id));
  return new Set(monitors.filter((a) => liveIds.has(String((a.payload as { callId?: unknown }).callId))).map((a) => a.id));
}

type AddNoteInput = { actor: Actor; leadId: string; input: z.infer<typeof noteSchema> };

export async function addNote({ actor, leadId, input }: AddNoteInput): Promise<ActivityDto> {
  await findVisibleLead(actor, leadId);
  const activity = await db.activity.create({
    data: { leadId, type: "NOTE", actorId: actor.id, payload: { body: input.body } },
    include: activityInclude,
  });
  return toActivityDto(activity);
}
