// A lead source's hosted form (/f/<slug>): set up by admins, submitted by visitors (in an iframe
// on the company's site or opened directly, with or without JavaScript). A submission is checked
// for the visitor (named fields they can fix), kept out of bots' way (a hidden field, a limit per
// address in PostgreSQL), then stored as a delivery of its source and made a lead like any other.
import "server-only";
import { createHash } from "node:crypto";
import { audit } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { notCallableReason } from "../calls/callable";
import { db } from "../db";
import { env, isOn } from "../env";
import { AppError, isUniqueViolation, notFound, validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { hit, waitText } from "../http/rate-limit";
import { normalizePhone } from "../phone";
import { sanitizeForPostgres } from "../webhooks/parse-delivery";
import { type FormRow, formDto, formUrl } from "./form-dto";
import { FORM_FIELD_LABELS, type WebFormField, type WebFormInput } from "./form-schemas";
import { processDelivery } from "./sources";

/** Accepted submissions per form and address in 10 minutes: a family sharing a connection fits, a bot does not. */
export const FORM_LIMIT = { limit: 5, windowSeconds: 600 };
/** The hidden field people never see and bots fill in. */
export const HONEYPOT = "website";
export const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function redirectProblem(raw: string): string | null {
  const url = new URL(raw);
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && (env.NODE_ENV !== "production" || isOn(env.ALLOW_INSECURE_HTTP))) return null;
  return "must be an https address";
}

export async function saveWebForm({ actor, sourceId, input }: { actor: Actor; sourceId: string; input: WebFormInput }) {
  assertRole(actor, ["ADMIN"]);
  if (!(await db.leadSource.findUnique({ where: { id: sourceId }, select: { id: true } }))) throw notFound("Lead source");
  const problem = input.redirectUrl ? redirectProblem(input.redirectUrl) : null;
  if (problem) throw validationError({ redirectUrl: problem });
  const data = { ...input, fields: input.fields as Prisma.InputJsonArray };
  try {
    const before = await db.webForm.findUnique({ where: { sourceId } });
    const form = await db.webForm.upsert({ where: { sourceId }, create: { sourceId, ...data }, update: data });
    await audit({
      actor,
      action: "web_form.saved",
      target: { type: "lead_source", id: sourceId },
      before: before ? { slug: before.slug, title: before.title, active: before.active } : undefined,
      after: { slug: form.slug, title: form.title, active: form.active, redirectUrl: form.redirectUrl },
    });
    return { ...formDto(form), url: formUrl(form.slug) };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Another form has this address", { fields: { slug: "is taken" } });
    throw error;
  }
}

export async function deleteWebForm({ actor, sourceId }: { actor: Actor; sourceId: string }) {
  assertRole(actor, ["ADMIN"]);
  const form = await db.webForm.findUnique({ where: { sourceId } });
  if (!form) throw notFound("Web form");
  await db.webForm.delete({ where: { sourceId } });
  await audit({ actor, action: "web_form.deleted", target: { type: "lead_source", id: sourceId }, before: { slug: form.slug } });
}

/** The form a visitor may fill in (null: no such form, or it or its source is switched off). */
export async function publicWebForm(slug: string) {
  const form = await db.webForm.findUnique({ where: { slug }, include: { source: { select: { active: true } } } });
  if (!form || !form.active || !form.source.active) return null;
  const { redirectUrl: _r, thankYou: _t, ...shown } = formDto(form);
  return shown;
}

export type FormAnswer =
  | { ok: true; thankYou: string | null; redirectUrl: string | null }
  | { ok: false; message: string | null; fields: Record<string, string> };

/** What the visitor typed, checked as the visitor will read it: one message per field. */
function check(form: FormRow, raw: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!raw.name) errors.name = "Please enter your name.";
  else if (raw.name.length > 120) errors.name = "Please shorten your name to 120 characters.";
  const phone = normalizePhone(raw.phone);
  if (!raw.phone) errors.phone = "Please enter your mobile number.";
  else if (!phone) errors.phone = "Please enter a mobile number we can call, e.g. 98100 15838.";
  else if (notCallableReason(phone.e164)) errors.phone = "We can call only numbers in the countries we serve.";
  for (const field of form.fields as WebFormField[]) {
    const value = raw[field.key] ?? "";
    if (field.required && !value) errors[field.key] = `Please fill in ${FORM_FIELD_LABELS[field.key].toLowerCase()}.`;
    else if (field.key === "email" && value && !EMAIL.test(value)) errors.email = "Please enter an email such as name@example.com.";
    else if (value.length > (field.key === "message" ? 2000 : 200)) errors[field.key] = "Please shorten this.";
  }
  if (form.consentText && form.consentRequired && !raw.consent) errors.consent = "Please tick the box so that we may call you.";
  return errors;
}

/** A visitor's submission: checked, limited, stored as a delivery of the form's source, made a lead. */
export async function submitWebForm(slug: string, submitted: Record<string, string>, meta: { ip: string }): Promise<FormAnswer> {
  const form = await db.webForm.findUnique({ where: { slug }, include: { source: true } });
  if (!form || !form.active || !form.source.active) return { ok: false, message: "This form is closed.", fields: {} };
  const raw = Object.fromEntries(Object.entries(submitted).map(([k, v]) => [k, v.replaceAll("\u0000", "").trim()]));
  const bot = Boolean(raw[HONEYPOT]);
  if (!bot) {
    const errors = check(form, raw);
    if (Object.keys(errors).length) return { ok: false, message: null, fields: errors };
  }
  // Only what would be kept counts: a visitor correcting a typo is not held back.
  const limited = await hit(`webform:${form.id}:${meta.ip}`, FORM_LIMIT);
  if (limited.exceeded)
    return { ok: false, message: `Too many enquiries from your network. Please try again in ${waitText(limited.retryAfter)}.`, fields: {} };
  const done: FormAnswer = { ok: true, thankYou: form.thankYou, redirectUrl: form.redirectUrl };
  const shown = new Set(["name", "phone", ...(form.fields as WebFormField[]).map((f) => f.key)]);
  const payload: Record<string, string> = Object.fromEntries(Object.entries(raw).filter(([k, v]) => shown.has(k) && v));
  if (form.consentText && raw.consent) Object.assign(payload, { consent: "yes", consent_text: form.consentText });
  for (const key of UTM_KEYS) if (raw[key]) payload[key] = raw[key].slice(0, 200);
  if (raw.ref) payload.referrer = raw.ref.slice(0, 500);
  if (raw.page) payload.landing_page = raw.page.slice(0, 500);
  payload.sub_source = `Web form: ${form.title}`;
  const body = new URLSearchParams(payload).toString();
  const stored = await db.leadDelivery.create({
    data: {
      sourceId: form.sourceId,
      formId: form.id,
      contentType: "application/x-www-form-urlencoded",
      body: sanitizeForPostgres(body),
      payload: sanitizeForPostgres(payload) as Prisma.InputJsonObject,
      dedupeKey: `sha256:${createHash("sha256").update(body).digest("hex")}`,
      // Kept (nothing is lost), never made a lead.
      ...(bot
        ? { status: "SKIPPED" as const, reason: "the hidden field was filled in (an automated submission)", processedAt: new Date() }
        : {}),
    },
  });
  if (!bot) await processDelivery(stored.id);
  return done;
}
