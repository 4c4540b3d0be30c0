import "server-only";
import { type CallDto, callInclude, toCallDto } from "../calls/dto";
import type { Prisma } from "../generated/prisma/client";
import { formatPhone } from "../phone";

export type { Page } from "../db/cursor";

export const leadInclude = { owner: { select: { id: true, name: true } } } satisfies Prisma.LeadInclude;
type LeadRow = Prisma.LeadGetPayload<{ include: typeof leadInclude }>;

export function toLeadDto(lead: LeadRow) {
  return {
    id: lead.id,
    name: lead.name,
    phone: lead.phone,
    /** The number as people read it ("+91 98765 43210"), formatted here so the browser needs no phone library. */
    phoneDisplay: formatPhone(lead.phone),
    email: lead.email,
    source: lead.source,
    status: lead.status,
    owner: lead.owner,
    lastContactedAt: lead.lastContactedAt?.toISOString() ?? null,
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
  };
}
export type LeadDto = ReturnType<typeof toLeadDto>;

export const activityInclude = {
  actor: { select: { id: true, name: true } },
  call: { include: callInclude },
} satisfies Prisma.ActivityInclude;
type ActivityRow = Prisma.ActivityGetPayload<{ include: typeof activityInclude }>;

export function toActivityDto(activity: ActivityRow) {
  return {
    id: activity.id,
    leadId: activity.leadId,
    type: activity.type,
    actor: activity.actor,
    payload: activity.payload as Record<string, unknown>,
    call: activity.call ? toCallDto(activity.call) : (null as CallDto | null),
    createdAt: activity.createdAt.toISOString(),
    updatedAt: activity.updatedAt.toISOString(),
  };
}
export type ActivityDto = ReturnType<typeof toActivityDto>;
