// Whether a number may be called now, in the words the agent sees: do-not-call (409 DO_NOT_CALL),
// no consent for a promotional call when the rule is on (409 NO_CONSENT), outside the calling hours
// (422 OUTSIDE_CALLING_HOURS, with the next allowed time) unless an admin allowed one call.
// Click-to-call checks it on the server; the lead page shows the same answer before the click.
import "server-only";
import { audit } from "../audit/log";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { AppError } from "../errors";
import type { CallingOverride } from "../generated/prisma/client";
import { formatPhone } from "../phone";
import { type DncInfo, dncFor } from "./dnc";
import { callingWindow, formatIst } from "./hours";
import type { ComplianceSettings } from "./schemas";
import { getComplianceSettings } from "./settings";

type LeadConsent = { id: string; purpose: "PROMOTIONAL" | "SERVICE"; consentAt: Date | null; consentWithdrawnAt: Date | null };
export type Refusal = {
  code: "DO_NOT_CALL" | "NO_CONSENT" | "OUTSIDE_CALLING_HOURS";
  message: string;
  since?: string;
  reason?: string;
  nextAllowedAt?: string | null;
};

/** Consent given and not withdrawn (new consent after a withdrawal clears the withdrawal). */
export const hasConsent = (l: Pick<LeadConsent, "consentAt" | "consentWithdrawnAt">) => !!l.consentAt && !l.consentWithdrawnAt;

const dateIst = (iso: string) =>
  new Date(iso).toLocaleDateString("en-IN", { timeZone: "Asia/Kolkata", day: "numeric", month: "short", year: "numeric" });

type Check = { refusal: Refusal | null; override: CallingOverride | null };

/**
 * Why each of these numbers of this lead may not be called now (refusal null: it may), and an
 * admin's open permission where that is what allows it. The settings, the do-not-call marks and
 * the permission are read once for all the numbers; they come back for the caller to show.
 */
export async function callRefusals(lead: LeadConsent, phones: string[], now = new Date()) {
  const [settings, dnc] = await Promise.all([getComplianceSettings(), dncFor(phones)]);
  return judgeCalls(lead, phones, settings, dnc, now);
}

/** callRefusals on settings and do-not-call marks the caller read already (click-to-call reads them with the lead). */
export async function judgeCalls(
  lead: LeadConsent,
  phones: string[],
  settings: ComplianceSettings,
  dnc: Map<string, DncInfo>,
  now = new Date(),
) {
  const window = callingWindow(settings.callingHours, settings.holidays, now);
  const noConsent = settings.consentRequiredForPromotional && lead.purpose === "PROMOTIONAL" && !hasConsent(lead);
  // Outside the hours, an admin's permission may allow the call.
  const granted =
    window.open || noConsent
      ? null
      : await db.callingOverride.findFirst({
          where: { leadId: lead.id, usedAt: null, expiresAt: { gt: now } },
          orderBy: { createdAt: "desc" },
        });
  const check = (phone: string): Check => {
    const mark = dnc.get(phone);
    if (mark)
      return {
        refusal: {
          code: "DO_NOT_CALL",
          message: `${formatPhone(phone)} is on the do-not-call list since ${dateIst(mark.since)} (${mark.reason}). It cannot be called.`,
          since: mark.since,
          reason: mark.reason,
        },
        override: null,
      };
    if (noConsent)
      return {
        refusal: {
          code: "NO_CONSENT",
          message: lead.consentWithdrawnAt
            ? "This lead withdrew consent to promotional calls; record new consent (or mark the lead as service) to call."
            : "Promotional calls need the person's consent, and none is recorded for this lead.",
        },
        override: null,
      };
    if (window.open) return { refusal: null, override: null };
    if (granted) return { refusal: null, override: granted };
    return {
      refusal: {
        code: "OUTSIDE_CALLING_HOURS",
        message: window.nextAllowedAt
          ? `Calls are allowed only within the calling hours; the next window opens ${formatIst(window.nextAllowedAt)}.`
          : "No calling hours are set for the next two weeks; an admin sets them on Settings → Compliance.",
        nextAllowedAt: window.nextAllowedAt?.toISOString() ?? null,
      },
      override: null,
    };
  };
  return { settings, dnc, window, checks: phones.map(check) };
}

/**
 * Throws the refusal as the API answers it. When an admin's one-call permission is what allows the
 * call, answers it: it is used up only once the call is accepted (spendOverride), not by a call then
 * refused for being busy, over the daily cap or by Smartflo.
 */
export async function assertMayCall(
  _actor: Actor,
  lead: LeadConsent,
  phone: string,
  read?: { settings: ComplianceSettings; dnc: Map<string, DncInfo> },
): Promise<CallingOverride | null> {
  const { refusal, override } = (read ? await judgeCalls(lead, [phone], read.settings, read.dnc) : await callRefusals(lead, [phone]))
    .checks[0]!;
  if (refusal) {
    const { code, message, ...details } = refusal;
    throw new AppError(code === "OUTSIDE_CALLING_HOURS" ? "VALIDATION" : "CONFLICT", message, { code, ...details });
  }
  return override;
}

/** The permission used up by the call it allowed (accepted by Smartflo), and audited with it. */
export async function spendOverride(actor: Actor, override: CallingOverride, callId: string): Promise<void> {
  const used = await db.callingOverride.updateMany({ where: { id: override.id, usedAt: null }, data: { usedAt: new Date(), callId } });
  if (used.count !== 1) return; // a call placed at the same moment used it first; this one was already accepted
  await audit({
    actor,
    action: "compliance.override_used",
    target: { type: "lead", id: override.leadId },
    after: { overrideId: override.id, reason: override.reason, grantedById: override.grantedById, callId },
  });
}
