// CSV lead import (managers, admins): validate every row (name, phone, email), dedupe by phone
// against the file and the database, report per row; then create in chunks the browser sends,
// so a 10,000-row file shows progress and a failure loses at most one chunk (re-sending it is safe:
// rows whose phone now exists are reported as duplicates, never created twice).
import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { notCallableReason } from "../calls/callable";
import { db } from "../db";
import { normalizePhone } from "../phone";
import { findAssignableOwner } from "../users/service";
import { roundRobinOwners } from "./assign";

export const MAX_IMPORT_ROWS = 20_000;
export const IMPORT_CHUNK = 500;

const row = z.object({
  line: z.number().int().min(1),
  name: z.string().max(1000),
  phone: z.string().max(100),
  email: z.string().max(1000).optional(),
  source: z.string().max(1000).optional(),
});
export const importLeadsSchema = z.strictObject({
  rows: z
    .array(row, { error: "must be a list of rows" })
    .min(1, "has no rows")
    .max(MAX_IMPORT_ROWS, `at most ${MAX_IMPORT_ROWS.toLocaleString()} rows at a time`),
  /** true: validate and report only. */
  dryRun: z.boolean({ error: "must be true or false" }).default(true),
  /** Owner of the created leads; null or absent: unassigned (or round-robin when it is on). */
  ownerId: z.string().trim().min(1).max(100).nullish(),
  source: z.string().trim().max(100).optional(),
});

export type RowStatus = "ok" | "invalid" | "duplicate";
export interface RowReport {
  line: number;
  status: RowStatus;
  errors?: Record<string, string>;
  /** For duplicates: the existing lead, when the actor may see it; or the earlier line in the file. */
  existingLeadId?: string;
  duplicateOfLine?: number;
}

const emailSchema = z.email();

export async function importLeads({ actor, input }: { actor: Actor; input: z.infer<typeof importLeadsSchema> }) {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  let ownerId: string | null = null;
  if (input.ownerId) {
    ownerId = (await findAssignableOwner(actor, input.ownerId)).id;
  }
  const reports: RowReport[] = [];
  const valid: { line: number; name: string; e164: string; last10: string; email: string | null; source: string | null }[] = [];
  const firstLineByPhone = new Map<string, number>();
  for (const r of input.rows) {
    const errors: Record<string, string> = {};
    const name = r.name.trim();
    if (!name) errors.name = "is required";
    else if (name.length > 200) errors.name = "must be at most 200 characters";
    const phone = r.phone.trim() ? normalizePhone(r.phone) : null;
    if (!r.phone.trim()) errors.phone = "is required";
    else if (!phone) errors.phone = `"${r.phone.slice(0, 40)}" is not a valid phone number`;
    else if (notCallableReason(phone.e164)) errors.phone = notCallableReason(phone.e164)!;
    const email = r.email?.trim().toLowerCase() || null;
    if (email && (email.length > 254 || !emailSchema.safeParse(email).success))
      errors.email = `"${email.slice(0, 60)}" is not a valid email address`;
    const source = (r.source?.trim() || input.source || "CSV import").slice(0, 100);
    if (Object.keys(errors).length) {
      reports.push({ line: r.line, status: "invalid", errors });
      continue;
    }
    const earlier = firstLineByPhone.get(phone!.e164);
    if (earlier !== undefined) {
      reports.push({ line: r.line, status: "duplicate", errors: { phone: `repeats line ${earlier}` }, duplicateOfLine: earlier });
      continue;
    }
    firstLineByPhone.set(phone!.e164, r.line);
    valid.push({ line: r.line, name, e164: phone!.e164, last10: phone!.last10, email, source });
  }
  // Phones already in the CRM (any owner: one lead per number).
  const existing = new Map<string, { id: string; ownerId: string | null }>();
  for (let i = 0; i < valid.length; i += 5000) {
    const found = await db.lead.findMany({
      where: { phone: { in: valid.slice(i, i + 5000).map((v) => v.e164) } },
      select: { id: true, phone: true, ownerId: true },
    });
    for (const f of found) existing.set(f.phone, f);
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
