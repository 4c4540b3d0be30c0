// A lead's numbers: each labelled, one primary (also lead.phone, which older clients read), all
// E.164 and each on one lead only. Matching (webhooks, inbound, reconciliation, import, search)
// looks at every number.
import "server-only";
import { type Actor, isSupervisor } from "../auth/actor";
import { assertCallable } from "../calls/callable";
import { db } from "../db";
import { AppError, validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { PhoneLabel } from "../generated/prisma/enums";
import { normalizePhone } from "../phone";

type Tx = Prisma.TransactionClient;

export interface PhoneInput {
  number: string;
  label?: PhoneLabel;
  primary?: boolean;
}

export interface ResolvedPhone {
  e164: string;
  last10: string;
  label: PhoneLabel;
  primary: boolean;
  /** Where the number came from in the input, for error fields ("phone", "phones.1.number"). */
  field: string;
}

/**
 * The numbers a create or update asks for: `phones` (a list), `phone` (the primary, as before), or
 * both (then `phone` is the primary). Exactly one primary: the one flagged, else `phone`, else the first.
 */
export function resolvePhones(input: { phone?: string; phones?: PhoneInput[] }): ResolvedPhone[] | null {
  if (input.phone === undefined && input.phones === undefined) return null;
  const out: ResolvedPhone[] = [];
  const add = (raw: string, label: PhoneLabel, primary: boolean, field: string) => {
    const parsed = normalizePhone(raw);
    if (!parsed) throw validationError({ [field]: "is not a valid phone number" });
    assertCallable(parsed.e164, field);
    const same = out.find((p) => p.e164 === parsed.e164);
    if (same) {
      if (primary) same.primary = true;
      return;
    }
    out.push({ e164: parsed.e164, last10: parsed.last10, label, primary, field });
  };
  if (input.phone !== undefined) add(input.phone, "MOBILE", true, "phone");
  for (const [i, p] of (input.phones ?? []).entries()) {
    add(p.number, p.label ?? "MOBILE", input.phone === undefined && p.primary === true, `phones.${i}.number`);
  }
  const flagged = out.filter((p) => p.primary);
  if (flagged.length > 1) throw validationError({ phones: "only one number can be the primary" });
  if (flagged.length === 0 && out[0]) out[0].primary = true;
  if (out.length > 10) throw validationError({ phones: "a lead can have at most 10 numbers" });
  return out;
}

/** 409 when one of these numbers is another lead's (naming it when the actor may see it). */
export async function phoneConflict(actor: Actor, phones: ResolvedPhone[], exceptLeadId?: string): Promise<AppError | null> {
  const taken = await db.leadPhone.findFirst({
    where: { number: { in: phones.map((p) => p.e164) }, ...(exceptLeadId ? { leadId: { not: exceptLeadId } } : {}) },
    select: { number: true, lead: { select: { id: true, name: true, ownerId: true } } },
  });
  if (!taken) return null;
  const field = phones.find((p) => p.e164 === taken.number)!.field;
  const visible = isSupervisor(actor) || taken.lead.ownerId === actor.id;
  return visible
    ? new AppError("CONFLICT", `A lead with this phone already exists: ${taken.lead.name}`, {
        fields: { [field]: "is already used by another lead" },
        existingLead: { id: taken.lead.id, name: taken.lead.name },
      })
    : // Whose lead it is stays unsaid: a number reveals no other agent's customer. A manager resolves it.
      new AppError("CONFLICT", "This number cannot be used for a new lead here; ask your manager to look into it", {
        fields: { [field]: "cannot be used; ask your manager" },
      });
}

/**
 * Makes the lead's numbers exactly `phones`. The secondary ones are written here; the primary
 * through lead.phone (the trigger crm_lead_primary_phone keeps its row), so the caller updates
 * lead.phone to the primary after this when it changed.
 */
export async function writeSecondaryPhones(tx: Tx, leadId: string, phones: ResolvedPhone[]): Promise<void> {
  const primary = phones.find((p) => p.primary)!;
  await tx.leadPhone.deleteMany({ where: { leadId, number: { notIn: phones.map((p) => p.e164) } } });
  // Every kept number secondary for a moment: the primary's flag moves with lead.phone (one primary per lead).
  await tx.leadPhone.updateMany({ where: { leadId, primary: true, number: { not: primary.e164 } }, data: { primary: false } });
  for (const [position, p] of phones.entries()) {
    await tx.leadPhone.upsert({
      where: { number: p.e164 },
      create: { leadId, number: p.e164, last10: p.last10, label: p.label, primary: false, position },
      update: { label: p.label, position },
    });
  }
}

/** After lead.phone was written: the primary's row flagged (the trigger does it when the number changed). */
export async function flagPrimary(tx: Tx, leadId: string, primary: ResolvedPhone): Promise<void> {
  await tx.leadPhone.updateMany({ where: { leadId, number: primary.e164 }, data: { primary: true, label: primary.label } });
}

/** The leads that have this number (any of their numbers): exact E.164 first, else the last ten digits. */
export async function leadsByNumber(tx: Tx | typeof db, e164: string | null, last10: string | null) {
  if (e164) {
    const exact = await tx.leadPhone.findUnique({ where: { number: e164 }, select: { lead: true, number: true } });
    if (exact) return { lead: exact.lead, by: "phone" as const };
  }
  if (last10) {
    const loose = await tx.leadPhone.findFirst({ where: { last10 }, orderBy: { lead: { updatedAt: "desc" } }, select: { lead: true } });
    if (loose) return { lead: loose.lead, by: "phone_last10" as const };
  }
  return null;
}
