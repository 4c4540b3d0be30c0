// Changing a lead: name, email, numbers (order kept), owner, status; every change on the timeline.
import "server-only";
import type { z } from "zod";
import { audit } from "../audit/log";
import type { Actor } from "../auth/actor";
import { isSupervisor } from "../auth/actor";
import { leadManageScope, leadScope } from "../auth/policy";
import { checkFieldValues } from "../custom-fields/service";
import type { FieldValues } from "../custom-fields/types";
import { db } from "../db";
import { AppError, isUniqueViolation, notFound, validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { resolveOwnerId, toResolved } from "./create-lead";
import type { LeadDto } from "./dto";
import { flagPrimary, phoneConflict, resolvePhones, writeSecondaryPhones } from "./phones";
import { findVisibleLead, getLead } from "./read-lead";
import type { updateLeadSchema } from "./schemas";
import { transitionLeadStatus } from "./status";

type UpdateLeadInput = { actor: Actor; id: string; patch: z.infer<typeof updateLeadSchema> };

export async function updateLead({ actor, id, patch }: UpdateLeadInput): Promise<LeadDto> {
  const lead = await findVisibleLead(actor, id);
  const data: Prisma.LeadUncheckedUpdateManyInput = {};
  if (patch.name !== undefined) data.name = patch.name;
  if (patch.email !== undefined) data.email = patch.email;
  if (patch.source !== undefined) data.source = patch.source;
  if (patch.fields !== undefined) data.fields = await checkFieldValues(patch.fields, "update", lead.fields as FieldValues);
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
