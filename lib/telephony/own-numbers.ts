// Our own numbers: the account's DIDs and office lines (listed by admins on /settings/telephony,
// or taken from Smartflo's /users), and every agent's Smartflo number. They are never a customer:
// a delivery whose customer number is one of them matches no lead and creates none.
import "server-only";
import { audit } from "../audit/log";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { db } from "../db";
import { AppError, isUniqueViolation, notFound, validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { formatPhone, last10Digits, normalizePhone } from "../phone";

type Tx = Prisma.TransactionClient | typeof db;

/** Whether a number (its last ten digits) is one of ours: listed, or a user's (crm_agent_by_number, as the webhook uses). */
export async function isOwnNumber(tx: Tx, last10: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ own: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM own_number WHERE last10 = ${last10}) OR crm_agent_by_number(${last10}) IS NOT NULL AS own`;
  return rows[0]?.own === true;
}

/** Every number of ours, by its last ten digits (for checks on many numbers at once). */
export async function ownNumberSet(tx: Tx = db): Promise<Set<string>> {
  const [listed, agents] = await Promise.all([
    tx.ownNumber.findMany({ select: { last10: true } }),
    tx.user.findMany({ where: { smartfloAgentNumber: { not: null } }, select: { smartfloAgentNumber: true } }),
  ]);
  return new Set([...listed.map((n) => n.last10), ...agents.map((a) => last10Digits(a.smartfloAgentNumber!))]);
}

export async function listOwnNumbers(actor: Actor) {
  assertRole(actor, ["ADMIN"]);
  const rows = await db.ownNumber.findMany({ orderBy: { createdAt: "asc" } });
  const agents = await db.user.findMany({
    where: { smartfloAgentNumber: { not: null } },
    select: { id: true, name: true, smartfloAgentNumber: true },
    orderBy: { name: "asc" },
  });
  return {
    items: rows.map((r) => ({ id: r.id, number: r.number, display: formatPhone(r.number), label: r.label, source: r.source })),
    agents: agents.map((a) => ({ id: a.id, name: a.name, number: a.smartfloAgentNumber! })),
  };
}

export async function addOwnNumber(actor: Actor, input: { number: string; label?: string | null; source?: "admin" | "smartflo" }) {
  assertRole(actor, ["ADMIN"]);
  const parsed = normalizePhone(input.number);
  if (!parsed) throw validationError({ number: "is not a valid phone number" });
  try {
    const row = await db.ownNumber.create({
      data: { number: parsed.e164, last10: parsed.last10, label: input.label ?? null, source: input.source ?? "admin" },
    });
    await audit({
      actor,
      action: "settings.updated",
      target: { type: "own_number", id: row.id },
      after: { number: row.number, label: row.label },
    });
    return { id: row.id, number: row.number, display: formatPhone(row.number), label: row.label, source: row.source };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "This number is listed already", { fields: { number: "is listed already" } });
    throw error;
  }
}

export async function removeOwnNumber(actor: Actor, id: string) {
  assertRole(actor, ["ADMIN"]);
  const row = await db.ownNumber.findUnique({ where: { id } });
  if (!row) throw notFound("Number");
  await db.ownNumber.delete({ where: { id } });
  await audit({ actor, action: "settings.updated", target: { type: "own_number", id }, before: { number: row.number, label: row.label } });
}

/** Adds every agent number Smartflo's /users lists (source "smartflo"); returns how many were new. */
export async function syncOwnNumbersFromSmartflo(actor: Actor): Promise<{ added: number }> {
  assertRole(actor, ["ADMIN"]);
  const { smartflo } = await import("../smartflo");
  const users = await smartflo().users();
  let added = 0;
  for (const u of users) {
    const parsed = normalizePhone(u.agent_number ?? null);
    if (!parsed) continue; // extensions are not phone numbers
    const made = await db.ownNumber.createMany({
      data: [{ number: parsed.e164, last10: parsed.last10, label: u.name ?? "Smartflo agent", source: "smartflo" }],
      skipDuplicates: true,
    });
    added += made.count;
  }
  if (added) await audit({ actor, action: "settings.updated", target: { type: "own_number", id: "smartflo" }, after: { added } });
  return { added };
}
