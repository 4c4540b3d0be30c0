// Creating a lead: its numbers checked and resolved, its owner (the actor may hand it only where
// they may), round-robin when nobody is named.
import "server-only";
import type { z } from "zod";
import type { Actor } from "../auth/actor";
import { isSupervisor } from "../auth/actor";
import { checkFieldValues } from "../custom-fields/service";
import { db } from "../db";
import { isUniqueViolation, validationError } from "../errors";
import { findAssignableOwner } from "../users/service";
import { nextRoundRobinOwner } from "./assign";
import { type LeadDto, leadInclude } from "./dto";
import { flagPrimary, phoneConflict, type ResolvedPhone, resolvePhones, writeSecondaryPhones } from "./phones";
import { getLead } from "./read-lead";
import type { createLeadSchema } from "./schemas";
export async function resolveOwnerId(actor: Actor, ownerId: string | null | undefined, fallback: string | null): Promise<string | null> {
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
export const toResolved = (p: { number: string; last10: string; label: ResolvedPhone["label"] }): ResolvedPhone => ({
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
  const fields = await checkFieldValues(input.fields, "create");
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
          fields,
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
