// A lead's compliance as its page shows it: each number's do-not-call mark, purpose and consent,
// whether the primary number may be called now (and why not), the calling window; recording
// consent and purpose; and an admin's permission for one call outside the calling hours.
import "server-only";
import type { z } from "zod";
import { audit } from "../audit/log";
import { type Actor, assertRole, isSupervisor } from "../auth/actor";
import { leadScope } from "../auth/policy";
import { db } from "../db";
import { notFound, validationError } from "../errors";
import { formatPhone } from "../phone";
import { callRefusals, hasConsent } from "./guard";
import type { consentSchema, overrideSchema } from "./schemas";

const OVERRIDE_MINUTES = 60;

async function visibleLead(actor: Actor, id: string) {
  const lead = await db.lead.findFirst({
    where: { AND: [{ id }, leadScope(actor)] },
    include: {
      phones: { orderBy: [{ primary: "desc" }, { position: "asc" }, { createdAt: "asc" }], select: { number: true, primary: true } },
    },
  });
  if (!lead) throw notFound("Lead");
  return lead;
}

export async function leadCompliance(actor: Actor, id: string) {
  const lead = await visibleLead(actor, id);
  const numbers = lead.phones.length ? lead.phones.map((p) => p.number) : [lead.phone];
  // The primary number comes first.
  const { settings, dnc, window, checks } = await callRefusals(lead, numbers);
  const check = checks[0]!;
  return {
    purpose: lead.purpose,
    consent: {
      given: hasConsent(lead),
      method: lead.consentMethod,
      at: lead.consentAt?.toISOString() ?? null,
      text: lead.consentText,
      withdrawnAt: lead.consentWithdrawnAt?.toISOString() ?? null,
      requiredForPromotional: settings.consentRequiredForPromotional,
    },
    phones: numbers.map((n, i) => {
      const r = checks[i]!.refusal;
      return {
        number: n,
        display: formatPhone(n),
        dnc: dnc.get(n) ?? null,
        callable: r ? { ok: false as const, ...r } : { ok: true as const },
      };
    }),
    /** The primary number, now. */
    callable: check.refusal ? { ok: false as const, ...check.refusal } : { ok: true as const },
    override: check.override ? { expiresAt: check.override.expiresAt.toISOString(), reason: check.override.reason } : null,
    hours: {
      open: window.open,
      nextAllowedAt: window.nextAllowedAt?.toISOString() ?? null,
      closesAt: window.closesAt?.toISOString() ?? null,
    },
    erased: lead.erasedAt !== null,
  };
}
export type LeadCompliance = Awaited<ReturnType<typeof leadCompliance>>;

/** How far back an agent may date consent they record (given on the call just now). */
const AGENT_CONSENT_BACKDATE_MS = 10 * 60_000;

/**
 * Purpose and consent: anyone who works the lead records new consent (e.g. given on a call); every
 * change is on the timeline. What would make a lead callable without new evidence needs a manager
 * or an admin: marking it a service call, or dating consent in the past. A withdrawal is reversed
 * only by a new consent record (a method), never by unticking it.
 */
export async function updateConsent(actor: Actor, id: string, input: z.infer<typeof consentSchema>) {
  const lead = await visibleLead(actor, id);
  const now = new Date();
  if (input.withdrawn === false && !input.consentMethod)
    throw validationError({ withdrawn: "a withdrawal is reversed only by recording new consent (how it was given)" });
  if (!isSupervisor(actor)) {
    if (input.purpose === "SERVICE" && lead.purpose !== "SERVICE")
      throw validationError({ purpose: "only a manager or an admin marks a lead's calls as service calls" });
    if (input.consentAt && input.consentAt.getTime() < now.getTime() - AGENT_CONSENT_BACKDATE_MS)
      throw validationError({ consentAt: "consent given earlier is recorded by a manager or an admin; record today's as now" });
  }
  const data = {
    ...(input.purpose ? { purpose: input.purpose } : {}),
    ...(input.consentMethod !== undefined ? { consentMethod: input.consentMethod } : {}),
    ...(input.consentText !== undefined ? { consentText: input.consentText } : {}),
    ...(input.consentAt !== undefined ? { consentAt: input.consentAt } : input.consentMethod ? { consentAt: now } : {}),
    ...(input.withdrawn === true ? { consentWithdrawnAt: now } : {}),
    // New consent after a withdrawal starts a new period.
    ...(input.withdrawn !== true && (input.withdrawn === false || input.consentMethod || input.consentAt) && lead.consentWithdrawnAt
      ? { consentWithdrawnAt: null }
      : {}),
  };
  if (data.consentAt && data.consentAt > new Date(now.getTime() + 60_000)) throw validationError({ consentAt: "cannot be in the future" });
  if (!Object.keys(data).length) return leadCompliance(actor, id);
  await db.$transaction(async (tx) => {
    await tx.lead.update({ where: { id }, data });
    const after = JSON.parse(JSON.stringify(data)) as Record<string, string | null>; // dates as ISO strings
    await tx.activity.create({ data: { leadId: id, type: "CONSENT", actorId: actor.id, payload: after } });
    await audit({ actor, action: "consent.updated", target: { type: "lead", id }, after }, tx);
  });
  return leadCompliance(actor, id);
}

/** An admin allows one call to this lead outside the calling hours, for the next hour, with a reason. */
export async function grantOverride(actor: Actor, input: z.infer<typeof overrideSchema>) {
  assertRole(actor, ["ADMIN"]);
  const lead = await visibleLead(actor, input.leadId);
  const override = await db.callingOverride.create({
    data: { leadId: lead.id, grantedById: actor.id, reason: input.reason, expiresAt: new Date(Date.now() + OVERRIDE_MINUTES * 60_000) },
  });
  await audit({
    actor,
    action: "compliance.override_granted",
    target: { type: "lead", id: lead.id },
    after: { overrideId: override.id, reason: input.reason, expiresAt: override.expiresAt.toISOString() },
  });
  return { id: override.id, leadId: lead.id, reason: override.reason, expiresAt: override.expiresAt.toISOString() };
}
