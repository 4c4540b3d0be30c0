import "server-only";
import { type CallDto, callInclude, toCallDto } from "../calls/dto";
import type { FieldValues } from "../custom-fields/types";
import { pickJson } from "../dto";
import type { Prisma } from "../generated/prisma/client";
import { formatPhone } from "../phone";

export type { Page } from "../db/cursor";

export const leadInclude = {
  owner: { select: { id: true, name: true } },
  phones: {
    orderBy: [{ primary: "desc" }, { position: "asc" }, { createdAt: "asc" }],
    select: { number: true, last10: true, label: true, primary: true },
  },
} satisfies Prisma.LeadInclude;
type LeadRow = Prisma.LeadGetPayload<{ include: typeof leadInclude }>;
/** What toLeadDto reads: a row through leadInclude, or the list's own statement (lib/leads/list-page.ts). */
export type LeadDtoSource = Pick<
  LeadRow,
  | "id"
  | "name"
  | "phone"
  | "email"
  | "source"
  | "subSource"
  | "status"
  | "owner"
  | "lastContactedAt"
  | "doNotCall"
  | "purpose"
  | "createdAt"
  | "updatedAt"
  | "attribution"
  | "fields"
  | "firstResponseDueAt"
  | "firstCallAt"
  | "firstConnectAt"
  | "firstResponseBreachedAt"
> & { phones: Pick<LeadRow["phones"][number], "number" | "label" | "primary">[] };

export function toLeadDto(lead: LeadDtoSource) {
  // Formatting a number is libphonenumber's parse: the primary, listed twice, is formatted once.
  const phoneDisplay = formatPhone(lead.phone);
  return {
    ...pickJson(lead, ["id", "name", "phone"]),
    /** The number as people read it ("+91 98765 43210"), formatted here so the browser needs no phone library. */
    phoneDisplay,
    /** Every number, the primary first; `phone` above is the primary. */
    phones: lead.phones.map((p) => ({
      number: p.number,
      display: p.number === lead.phone ? phoneDisplay : formatPhone(p.number),
      label: p.label,
      primary: p.primary,
    })),
    ...pickJson(lead, [
      "email",
      "source",
      "subSource",
      "status",
      "owner",
      "lastContactedAt",
      "doNotCall",
      "purpose",
      "createdAt",
      "updatedAt",
    ]),
    /** UTM parameters, referrer and landing page as the lead arrived with them (lead sources, forms, the API). */
    attribution: (lead.attribution ?? null) as Partial<Record<AttributionKey, string>> | null,
    /** Custom field values by key (lib/custom-fields). */
    fields: (lead.fields ?? {}) as FieldValues,
    /**
     * Speed to lead: when the first call is (or was) due, counted inside calling hours; the first
     * call attempt and the first answered call; breached: the due time passed before any call.
     */
    firstResponse: {
      dueAt: lead.firstResponseDueAt?.toISOString() ?? null,
      firstCallAt: lead.firstCallAt?.toISOString() ?? null,
      firstConnectAt: lead.firstConnectAt?.toISOString() ?? null,
      breached:
        lead.firstResponseBreachedAt !== null ||
        (lead.firstResponseDueAt !== null && (lead.firstCallAt ?? new Date()).getTime() > lead.firstResponseDueAt.getTime()),
    },
  };
}

export type AttributionKey = "utmSource" | "utmMedium" | "utmCampaign" | "utmTerm" | "utmContent" | "referrer" | "landingPage";
export type LeadDto = ReturnType<typeof toLeadDto>;

export const activityInclude = {
  actor: { select: { id: true, name: true } },
  call: { include: callInclude },
} satisfies Prisma.ActivityInclude;
type ActivityRow = Prisma.ActivityGetPayload<{ include: typeof activityInclude }>;

/** Numbers in a timeline entry as people read them (the browser carries no phone library). */
function displayPayload(type: string, payload: Record<string, unknown>): Record<string, unknown> {
  if (type !== "PHONE_CHANGE" && type !== "DO_NOT_CALL") return payload;
  const show = (v: unknown) => (typeof v === "string" && v.startsWith("+") ? formatPhone(v) : v);
  const list = (v: unknown) => (Array.isArray(v) ? v.map(show) : v);
  if (type === "DO_NOT_CALL") return { ...payload, numbers: list(payload.numbers) };
  return { ...payload, from: show(payload.from), to: show(payload.to), numbers: list(payload.numbers), before: list(payload.before) };
}

/** The lead sources of the numbers a page's calls dialled (lib/telephony/number-sources.ts: sourcesOfCalls). */
export type NumberSources = ReadonlyMap<string, string>;

export function toActivityDto(activity: ActivityRow, sources: NumberSources) {
  const call = activity.call;
  return {
    ...pickJson(activity, ["id", "leadId", "type", "actor", "createdAt", "updatedAt"]),
    payload: displayPayload(activity.type, activity.payload as Record<string, unknown>),
    call: call
      ? {
          ...toCallDto(call),
          /** The source the number they dialled stands for ("Newspaper ad"), as an admin named it. */
          dialledSource: call.dialledNumber ? (sources.get(call.dialledNumber) ?? null) : null,
        }
      : (null as (CallDto & { dialledSource: string | null }) | null),
  };
}
export type ActivityDto = ReturnType<typeof toActivityDto>;
