// A person arriving by themselves (a lead source's delivery, an API key's create) becomes a lead,
// or, when they are one already (any of a lead's numbers, or the email), an "Enquired again" entry
// on that lead: its empty fields filled, nothing an agent typed overwritten, a LOST lead re-opened.
// Numbers we cannot read or may not call keep the delivery with a reason and make no lead.
// Concurrent arrivals of one person are serialised on the number (an advisory lock): one lead.
import "server-only";
import { notCallableReason } from "../calls/callable";
import type { FieldValues } from "../custom-fields/types";
import { db } from "../db";
import { isUniqueViolation } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { leadsByNumber } from "../leads/phones";
import { formatPhone, normalizePhone } from "../phone";
import { assignmentNote, routeArrival } from "../routing/arrival";
import { attributionOf, type IntakeValues, isConsent } from "./fields";

type Tx = Prisma.TransactionClient;

/** Who brought the person: shown on the timeline ("via API key Zapier", "via Website"). */
export interface Via {
  label: string;
  /** The lead's source when it is new ("Website", "API"). */
  sourceName: string;
  leadSourceId?: string | null;
  /** Custom field values it brought (already checked): set on a new lead, fill a known one's empty ones. */
  fields?: FieldValues;
}

export type IntakeOutcome =
  | { status: "CREATED" | "ENQUIRED_AGAIN"; leadId: string }
  | { status: "SKIPPED"; reason: string; field: "phone" | "name" };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why no lead can be made of these values (no readable, callable number), or null. */
function skipped(values: IntakeValues): Extract<IntakeOutcome, { status: "SKIPPED" }> | null {
  if (!values.phone) return { status: "SKIPPED", field: "phone", reason: "no phone number in the delivery" };
  const phone = normalizePhone(values.phone);
  if (!phone) return { status: "SKIPPED", field: "phone", reason: `“${values.phone.slice(0, 40)}” is not a phone number we can read` };
  const notCallable = notCallableReason(phone.e164);
  return notCallable ? { status: "SKIPPED", field: "phone", reason: notCallable } : null;
}

/** The person in its own transaction (an API key's create); retried when a lead made by hand took the number meanwhile. */
export async function intakeLead(values: IntakeValues, via: Via): Promise<IntakeOutcome> {
  const skip = skipped(values);
  if (skip) return skip;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx) => intakeIn(tx, values, via));
    } catch (error) {
      if (isUniqueViolation(error) && attempt < 3) continue;
      throw error;
    }
  }
}

/** The person inside the caller's transaction (a lead source's delivery, recorded in the same one). */
export async function intakeIn(tx: Tx, values: IntakeValues, via: Via): Promise<IntakeOutcome> {
  const skip = skipped(values);
  if (skip) return skip;
  const phone = normalizePhone(values.phone)!;
  const email = values.email && EMAIL.test(values.email) ? values.email.toLowerCase().slice(0, 254) : null;
  return arrive(tx, values, via, { ...phone, email });
}

async function arrive(
  tx: Tx,
  values: IntakeValues,
  via: Via,
  person: { e164: string; last10: string; email: string | null },
): Promise<IntakeOutcome> {
  // One person arriving twice at once (a double submit, a retried webhook) is one lead.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`intake:${person.last10}`}, 0))`;
  const byNumber = await leadsByNumber(tx, person.e164, person.last10);
  const existing =
    byNumber?.lead ??
    (person.email ? await tx.lead.findFirst({ where: { email: { equals: person.email, mode: "insensitive" }, erasedAt: null } }) : null);
  const attribution = attributionOf(values);
  const consent = isConsent(values.consent);
  const consentText = values.consentText ?? `Agreed to be called, on ${via.sourceName}`;

  if (existing && existing.erasedAt === null) {
    // Only what is empty is filled: nothing an agent typed is overwritten.
    const fill: Prisma.LeadUncheckedUpdateInput = {};
    if (!existing.email && person.email) fill.email = person.email;
    if (!existing.source) fill.source = via.sourceName;
    if (!existing.subSource && values.subSource) fill.subSource = values.subSource;
    if (!existing.leadSourceId && via.leadSourceId) fill.leadSourceId = via.leadSourceId;
    if (!existing.attribution && attribution) fill.attribution = attribution;
    const current = (existing.fields ?? {}) as FieldValues;
    const newFields = Object.entries(via.fields ?? {}).filter(([k]) => current[k] === undefined);
    if (newFields.length) fill.fields = { ...current, ...Object.fromEntries(newFields) };
    if (!existing.consentAt && consent) Object.assign(fill, { consentMethod: "WEB_FORM", consentAt: new Date(), consentText });
    if (Object.keys(fill).length) await tx.lead.update({ where: { id: existing.id }, data: fill });
    const reopened =
      existing.status === "LOST" &&
      (
        await tx.$queryRaw<{ changed: boolean }[]>`
        SELECT crm_transition_lead_status(${existing.id}, 'LOST', 'NEW', NULL, ${`Enquired again via ${via.label}`}) AS changed`
      )[0]!.changed;
    await tx.activity.create({
      data: {
        leadId: existing.id,
        type: "ENQUIRED_AGAIN",
        actorId: null,
        payload: {
          via: via.label,
          source: via.sourceName,
          ...(values.message ? { message: values.message } : {}),
          filled: Object.keys(fill).filter((k) => !["consentMethod", "consentText", "leadSourceId"].includes(k)),
          reopened,
        },
      },
    });
    return { status: "ENQUIRED_AGAIN", leadId: existing.id };
  }

  const source = via.sourceName;
  const arrival = await routeArrival(tx, { source, subSource: values.subSource ?? null, fields: via.fields ?? {}, at: new Date() });
  const lead = await tx.lead.create({
    data: {
      name: values.name?.slice(0, 200) || `Enquiry from ${formatPhone(person.e164)}`,
      phone: person.e164,
      phoneLast10: person.last10,
      email: person.email,
      source: via.sourceName,
      subSource: values.subSource ?? null,
      leadSourceId: via.leadSourceId ?? null,
      attribution: attribution ?? undefined,
      fields: via.fields ?? {},
      ...arrival.data,
      ...(consent ? { consentMethod: "WEB_FORM" as const, consentAt: new Date(), consentText } : {}),
    },
    include: { owner: { select: { name: true } } },
  });
  await tx.activity.create({
    data: {
      leadId: lead.id,
      type: "LEAD_CREATED",
      actorId: null,
      payload: {
        source: via.sourceName,
        via: via.label,
        ...assignmentNote(arrival.decision),
      },
    },
  });
  // What they asked, where the agent reads first.
  if (values.message)
    await tx.activity.create({ data: { leadId: lead.id, type: "NOTE", actorId: null, payload: { body: values.message } } });
  return { status: "CREATED", leadId: lead.id };
}
