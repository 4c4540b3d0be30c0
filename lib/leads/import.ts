// CSV lead import (managers, admins): validate every row (name, phone, email), dedupe by phone
// against the file and the database, report per row; then create in chunks the browser sends,
// so a 10,000-row file shows progress and a failure loses at most one chunk (re-sending it is safe:
// rows whose phone now exists are reported as duplicates, never created twice).
import "server-only";
import type { z } from "zod";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { notCallableReason } from "../calls/callable";
import { customFieldDefs } from "../custom-fields/service";
import { type FieldValues, fieldValuesSchema, fromText, parseFieldValues } from "../custom-fields/types";
import { db } from "../db";
import { zodFieldErrors } from "../errors";
import { normalizePhone } from "../phone";
import { findAssignableOwner } from "../users/service";
import { roundRobinOwners } from "./assign";
import { createLeadSchema, IMPORT_CHUNK, type importLeadsSchema, type RowReport, type RowStatus } from "./schemas";

const CONSENT_METHODS: Record<string, "WEB_FORM" | "CALL" | "IMPORT" | "DOCUMENT"> = {
  web: "WEB_FORM",
  "web form": "WEB_FORM",
  web_form: "WEB_FORM",
  form: "WEB_FORM",
  call: "CALL",
  phone: "CALL",
  import: "IMPORT",
  document: "DOCUMENT",
  doc: "DOCUMENT",
  signed: "DOCUMENT",
};

type Consent = {
  purpose: "PROMOTIONAL" | "SERVICE";
  consentMethod: "WEB_FORM" | "CALL" | "IMPORT" | "DOCUMENT" | null;
  consentAt: Date | null;
  consentText: string | null;
};

/** The consent columns (purpose, consent method, when, notice): what they say, or the fields that are wrong. */
function checkConsent(r: { purpose?: string; consentMethod?: string; consentAt?: string; consentText?: string }) {
  const errors: Record<string, string> = {};
  const purpose = r.purpose?.trim().toLowerCase();
  if (purpose && purpose !== "promotional" && purpose !== "service")
    errors.purpose = `"${r.purpose!.slice(0, 30)}" must be promotional or service`;
  const method = r.consentMethod?.trim().toLowerCase();
  const consentMethod = method ? (CONSENT_METHODS[method] ?? null) : null;
  if (method && !consentMethod) errors.consentMethod = `"${r.consentMethod!.slice(0, 30)}" must be web form, call, import or document`;
  const at = r.consentAt?.trim() ? new Date(r.consentAt.trim()) : null;
  if (at && (Number.isNaN(at.getTime()) || at.getTime() > Date.now() + 60_000))
    errors.consentAt = `"${r.consentAt!.slice(0, 30)}" is not a past date and time`;
  if (!consentMethod && (at || r.consentText?.trim()) && !errors.consentMethod)
    errors.consentMethod = "is required with a consent date or text";
  const consent: Consent = {
    purpose: purpose === "service" ? "SERVICE" : "PROMOTIONAL",
    consentMethod,
    consentAt: consentMethod ? (at ?? new Date()) : null,
    consentText: consentMethod ? r.consentText?.trim().slice(0, 2000) || null : null,
  };
  return { consent, errors: Object.keys(errors).length ? errors : null };
}

/** A row is checked by the very schema a new lead is (createLeadSchema), its bad values quoted back. */
function checkRow(r: { name: string; phone: string; email?: string; source?: string }, fallbackSource: string | undefined) {
  const source = (r.source?.trim() || fallbackSource || "CSV import").slice(0, 100);
  const parsed = createLeadSchema.safeParse({ name: r.name, phone: r.phone, email: r.email?.trim() ?? null, source });
  if (parsed.success) return { lead: parsed.data, errors: null };
  const errors = zodFieldErrors(parsed.error);
  const quote = (field: "phone" | "email", limit: number) => {
    const value = (r[field] ?? "").trim();
    if (errors[field]?.startsWith("is not a valid") && value) errors[field] = `"${value.slice(0, limit)}" ${errors[field]}`;
  };
  quote("phone", 40);
  quote("email", 60);
  return { lead: null, errors };
}

export async function importLeads({ actor, input }: { actor: Actor; input: z.infer<typeof importLeadsSchema> }) {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  let ownerId: string | null = null;
  if (input.ownerId) {
    ownerId = (await findAssignableOwner(actor, input.ownerId)).id;
  }
  const reports: RowReport[] = [];
  const valid: {
    line: number;
    name: string;
    e164: string;
    last10: string;
    email: string | null;
    source: string | null;
    consent: Consent;
    fields: FieldValues;
  }[] = [];
  const defs = await customFieldDefs();
  const fieldsSchema = fieldValuesSchema(defs, "intake");
  const byKey = new Map(defs.map((d) => [d.key, d]));
  /** A row's custom cells read by each field's kind; unknown or wrong ones are the row's errors (fields.<key>). */
  const readFields = (cells: Record<string, string> | undefined) => {
    const raw = Object.fromEntries(Object.entries(cells ?? {}).map(([k, v]) => [k, byKey.get(k) ? fromText(byKey.get(k)!, v) : v]));
    const read = parseFieldValues(fieldsSchema, raw);
    return { values: read.values ?? {}, errors: read.errors };
  };
  const firstLineByPhone = new Map<string, number>();
  for (const r of input.rows) {
    const { lead, errors: leadErrors } = checkRow(r, input.source);
    const { consent, errors: consentErrors } = checkConsent(r);
    const custom = readFields(r.fields);
    const errors = leadErrors || consentErrors || custom.errors ? { ...custom.errors, ...consentErrors, ...leadErrors } : null;
    const phone = lead ? normalizePhone(lead.phone) : null;
    const notCallable = phone ? notCallableReason(phone.e164) : null;
    if (errors || !lead || !phone || notCallable) {
      reports.push({ line: r.line, status: "invalid", errors: errors ?? { phone: notCallable ?? "is not a valid phone number" } });
      continue;
    }
    const { name, email, source } = lead;
    const earlier = firstLineByPhone.get(phone.e164);
    if (earlier !== undefined) {
      reports.push({ line: r.line, status: "duplicate", errors: { phone: `repeats line ${earlier}` }, duplicateOfLine: earlier });
      continue;
    }
    firstLineByPhone.set(phone.e164, r.line);
    valid.push({
      line: r.line,
      name,
      e164: phone.e164,
      last10: phone.last10,
      email: email ?? null,
      source: source ?? null,
      consent,
      fields: custom.values,
    });
  }
  // Numbers already in the CRM, any lead's, any of its numbers (one lead per number).
  const existing = new Map<string, { id: string; ownerId: string | null }>();
  for (let i = 0; i < valid.length; i += 5000) {
    const found = await db.leadPhone.findMany({
      where: { number: { in: valid.slice(i, i + 5000).map((v) => v.e164) } },
      select: { number: true, lead: { select: { id: true, ownerId: true } } },
    });
    for (const f of found) existing.set(f.number, f.lead);
  }
  const toCreate = valid.filter((v) => {
    const hit = existing.get(v.e164);
    if (!hit) return true;
    const visible = actor.role === "ADMIN" || actor.role === "MANAGER";
    reports.push({
      line: v.line,
      status: "duplicate",
      errors: { phone: "a lead with this phone already exists" },
      ...(visible ? { existingLeadId: hit.id } : {}),
    });
    return false;
  });
  for (const v of toCreate) reports.push({ line: v.line, status: "ok" });
  reports.sort((a, b) => a.line - b.line);

  let created = 0;
  if (!input.dryRun && toCreate.length > 0) {
    created = await db.$transaction(async (tx) => {
      let n = 0;
      for (let i = 0; i < toCreate.length; i += IMPORT_CHUNK) {
        const part = toCreate.slice(i, i + IMPORT_CHUNK);
        const owners: (string | null)[] = ownerId ? part.map(() => ownerId) : await roundRobinOwners(tx, part.length);
        const leads = await tx.lead.createManyAndReturn({
          data: part.map((v, k) => ({
            name: v.name,
            phone: v.e164,
            phoneLast10: v.last10,
            email: v.email,
            source: v.source,
            fields: v.fields,
            ...v.consent,
            ownerId: owners[k] ?? null,
          })),
          skipDuplicates: true,
          select: { id: true, phone: true, source: true },
        });
        await tx.activity.createMany({
          data: leads.map((l) => ({
            leadId: l.id,
            type: "LEAD_CREATED" as const,
            actorId: actor.id,
            payload: { source: l.source, importedBy: actor.name },
          })),
        });
        // A phone created by someone else between our check and the insert: report it, do not fail the chunk.
        const made = new Set(leads.map((l) => l.phone));
        for (const v of part) {
          if (made.has(v.e164)) continue;
          const r = reports.find((x) => x.line === v.line);
          if (r) Object.assign(r, { status: "duplicate", errors: { phone: "a lead with this phone already exists" } });
        }
        n += leads.length;
      }
      return n;
    });
  }
  const count = (s: RowStatus) => reports.filter((r) => r.status === s).length;
  return {
    dryRun: input.dryRun,
    rows: input.rows.length,
    ok: count("ok"),
    invalid: count("invalid"),
    duplicate: count("duplicate"),
    created,
    reports,
  };
}
