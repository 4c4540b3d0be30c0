// Do-not-call: numbers that must not be called, whoever marked them — the agent's outcome "Asked
// not to be called" (outbound, or inbound: an opt-out), an admin's DND list import, or the API.
// Each mark keeps who, when, why and from where; it lands on the lead's timeline and in the audit
// log. Entries are found by the number's hash, which an erasure keeps (the opt-out outlives the data).
import "server-only";
import { createHash } from "node:crypto";
import { audit, auditMany } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { db } from "../db";
import { newestFirstAfter, newestFirstPage } from "../db/cursor";
import { AppError, notFound, validationError } from "../errors";
import type { DncSource, Prisma } from "../generated/prisma/client";
import { parseCsv, toCsvLine } from "../leads/csv";
import { formatPhone, normalizePhone } from "../phone";
import { DNC_SOURCE_LABELS } from "./labels";

type Writer = Prisma.TransactionClient | typeof db;

export const phoneHash = (e164: string) => createHash("sha256").update(e164).digest("hex");

export type DncInfo = { since: string; reason: string; source: DncSource };

/** The do-not-call marks on these numbers (E.164), by number. */
export async function dncFor(numbers: string[], tx: Writer = db): Promise<Map<string, DncInfo>> {
  if (!numbers.length) return new Map();
  const byHash = new Map(numbers.map((n) => [phoneHash(n), n]));
  const rows = await tx.dncEntry.findMany({ where: { phoneHash: { in: [...byHash.keys()] } } });
  return new Map(rows.map((r) => [byHash.get(r.phoneHash)!, { since: r.createdAt.toISOString(), reason: r.reason, source: r.source }]));
}

/** Marks numbers do-not-call (those already marked keep their first mark); returns the numbers newly marked. */
export async function markDoNotCall(
  tx: Writer,
  input: { phones: string[]; reason: string; source: DncSource; actor: Actor | null; leadId?: string | null; callId?: string | null },
): Promise<string[]> {
  const phones = [...new Set(input.phones)];
  const existing = await dncFor(phones, tx);
  const fresh = phones.filter((p) => !existing.has(p));
  if (!fresh.length) return [];
  await tx.dncEntry.createMany({
    data: fresh.map((phone) => ({
      phone,
      phoneHash: phoneHash(phone),
      reason: input.reason,
      source: input.source,
      createdById: input.actor?.id ?? null,
      leadId: input.leadId ?? null,
      callId: input.callId ?? null,
    })),
    skipDuplicates: true,
  });
  // The timeline of every lead that has one of these numbers.
  const owners = await tx.leadPhone.findMany({ where: { number: { in: fresh } }, select: { leadId: true, number: true } });
  const byLead = new Map<string, string[]>();
  for (const o of owners) byLead.set(o.leadId, [...(byLead.get(o.leadId) ?? []), o.number]);
  for (const [leadId, numbers] of byLead) {
    await tx.activity.create({
      data: {
        leadId,
        type: "DO_NOT_CALL",
        actorId: input.actor?.id ?? null,
        payload: { marked: true, numbers, reason: input.reason, source: input.source, callId: input.callId ?? null },
      },
    });
  }
  await auditMany(
    fresh.map((phone) => ({
      actor: input.actor,
      action: "dnc.added" as const,
      target: { type: "phone", id: phone },
      after: { reason: input.reason, source: input.source, leadId: input.leadId ?? null, callId: input.callId ?? null },
    })),
    tx,
  );
  return fresh;
}

function e164Of(phone: string, field = "phone"): string {
  const n = normalizePhone(phone);
  if (!n) throw validationError({ [field]: "is not a valid phone number" });
  return n.e164;
}

const toDto = (r: {
  id: string;
  phone: string | null;
  reason: string;
  source: DncSource;
  createdAt: Date;
  createdById: string | null;
}) => ({
  id: r.id,
  phone: r.phone,
  display: r.phone ? formatPhone(r.phone) : "(erased)",
  reason: r.reason,
  source: r.source,
  sourceLabel: DNC_SOURCE_LABELS[r.source] ?? r.source,
  createdAt: r.createdAt.toISOString(),
  createdById: r.createdById,
});

export async function listDnc(actor: Actor, query: { q?: string; cursor?: string; limit: number }) {
  assertRole(actor, ["ADMIN"]);
  const digits = query.q?.replace(/\D/g, "") ?? "";
  const where: Prisma.DncEntryWhereInput = {
    ...(query.q ? (digits ? { phone: { contains: digits } } : { reason: { contains: query.q, mode: "insensitive" } }) : {}),
  };
  const [rows, total] = await Promise.all([
    db.dncEntry.findMany({
      where: { AND: [where, newestFirstAfter(query.cursor)] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    }),
    db.dncEntry.count({ where }),
  ]);
  const page = newestFirstPage(rows, query.limit);
  const creators = await db.user.findMany({
    where: { id: { in: page.items.map((r) => r.createdById).filter((v): v is string => !!v) } },
    select: { id: true, name: true },
  });
  const names = new Map(creators.map((u) => [u.id, u.name]));
  return {
    items: page.items.map((r) => ({ ...toDto(r), createdBy: r.createdById ? (names.get(r.createdById) ?? "Unknown") : null })),
    nextCursor: page.nextCursor,
    total,
  };
}

export async function addDnc(actor: Actor, input: { phone: string; reason: string }) {
  assertRole(actor, ["ADMIN"]);
  const phone = e164Of(input.phone);
  const lead = await db.leadPhone.findUnique({ where: { number: phone }, select: { leadId: true } });
  const fresh = await db.$transaction((tx) =>
    markDoNotCall(tx, { phones: [phone], reason: input.reason, source: "API", actor, leadId: lead?.leadId }),
  );
  if (!fresh.length)
    throw new AppError("CONFLICT", `${formatPhone(phone)} is already do-not-call`, { fields: { phone: "is already on the list" } });
  return toDto(await db.dncEntry.findUniqueOrThrow({ where: { phoneHash: phoneHash(phone) } }));
}

export async function removeDnc(actor: Actor, rawPhone: string) {
  assertRole(actor, ["ADMIN"]);
  const phone = e164Of(decodeURIComponent(rawPhone));
  const entry = await db.dncEntry.findUnique({ where: { phoneHash: phoneHash(phone) } });
  if (!entry) throw notFound("Do-not-call entry");
  await db.$transaction(async (tx) => {
    await tx.dncEntry.delete({ where: { id: entry.id } });
    const owner = await tx.leadPhone.findUnique({ where: { number: phone }, select: { leadId: true } });
    if (owner)
      await tx.activity.create({
        data: { leadId: owner.leadId, type: "DO_NOT_CALL", actorId: actor.id, payload: { marked: false, numbers: [phone] } },
      });
    await audit(
      { actor, action: "dnc.removed", target: { type: "phone", id: phone }, before: { reason: entry.reason, source: entry.source } },
      tx,
    );
  });
  return { ok: true };
}

/** An admin's DND list: a CSV whose "phone" (or "number", "mobile") column — or first column — holds the numbers. */
export async function importDnc(actor: Actor, input: { csv: string; reason: string }) {
  assertRole(actor, ["ADMIN"]);
  const rows = parseCsv(input.csv).filter((r) => r.some((c) => c.trim()));
  if (!rows.length) throw validationError({ csv: "has no rows" });
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  let column = header.findIndex((h) => ["phone", "number", "mobile", "phone_number", "msisdn"].includes(h));
  const hasHeader = column >= 0 || !normalizePhone(rows[0]![0] ?? "");
  if (column < 0) column = 0;
  const body = hasHeader ? rows.slice(1) : rows;
  if (body.length > 100_000) throw validationError({ csv: "has more than 100,000 numbers; split it" });
  const invalid: { line: number; value: string }[] = [];
  const phones: string[] = [];
  body.forEach((r, i) => {
    const value = (r[column] ?? "").trim();
    const n = normalizePhone(value);
    if (n) phones.push(n.e164);
    else invalid.push({ line: i + 1 + (hasHeader ? 1 : 0), value: value.slice(0, 40) });
  });
  let added = 0;
  for (let i = 0; i < phones.length; i += 1000) {
    const chunk = phones.slice(i, i + 1000);
    added += (await db.$transaction((tx) => markDoNotCall(tx, { phones: chunk, reason: input.reason, source: "IMPORT", actor }))).length;
  }
  const unique = new Set(phones).size;
  await audit({
    actor,
    action: "dnc.imported",
    target: { type: "dnc", id: "import" },
    after: { rows: body.length, added, invalid: invalid.length },
  });
  return {
    rows: body.length,
    added,
    alreadyListed: unique - added,
    duplicates: phones.length - unique,
    invalid: invalid.slice(0, 50),
    invalidCount: invalid.length,
  };
}

export async function exportDncCsv(actor: Actor): Promise<string> {
  assertRole(actor, ["ADMIN"]);
  const rows = await db.dncEntry.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const lines = [toCsvLine(["phone", "reason", "source", "marked_at"])];
  for (const r of rows) lines.push(toCsvLine([r.phone ?? "(erased)", r.reason, r.source, r.createdAt.toISOString()]));
  return `${lines.join("\r\n")}\r\n`;
}
