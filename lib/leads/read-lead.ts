// Reading a lead within the actor's scope: agents see only the leads they own.
import "server-only";
import type { Actor } from "../auth/actor";
import { leadScope } from "../auth/policy";
import { db } from "../db";
import { notFound } from "../errors";
import { type LeadDto, leadInclude, toLeadDto } from "./dto";

/** Get-or-404 within the actor's scope. */
export async function findVisibleLead(actor: Actor, id: string) {
  const lead = await db.lead.findFirst({ where: { AND: [{ id }, leadScope(actor)] }, include: leadInclude });
  if (!lead) throw notFound("Lead");
  return lead;
}

export async function getLead({ actor, id }: { actor: Actor; id: string }): Promise<LeadDto> {
  return toLeadDto(await findVisibleLead(actor, id));
}
