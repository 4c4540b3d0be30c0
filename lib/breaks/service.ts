// Agent availability: breaks with a reason from the admin's list, one open break per agent (a
// partial unique index), mirrored to Smartflo's dialer break API where the account has one. The
// CRM's record is what counts: the live board shows it, the dashboard adds up the time, and the
// preview dialer offers no leads during a break. A Smartflo failure is kept on the break, not fatal.
import "server-only";
import type { z } from "zod";
import { audit } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { ACTIVE_CALL_STATUSES, CALL_IN_PROGRESS_WINDOW_MS } from "../calls/status";
import { db } from "../db";
import { AppError, isUniqueViolation, notFound, validationError } from "../errors";
import { smartflo, smartfloConfigured } from "../smartflo";
import { smartfloBreaks } from "../smartflo/breaks";
import { SmartfloError } from "../smartflo/errors";
import type { breakReasonPatchSchema, breakReasonSchema, startBreakSchema } from "./schemas";

const reasonSelect = { id: true, name: true, smartfloCode: true, active: true, sortOrder: true } as const;

export async function listBreakReasons(actor: Actor, { all = false } = {}) {
  if (all) assertRole(actor, ["ADMIN"]);
  const items = await db.breakReason.findMany({
    where: all ? {} : { active: true },
    select: reasonSelect,
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
  });
  return { items };
}

async function writeReason<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "A break reason with this name exists", { fields: { name: "already exists" } });
    throw error;
  }
}

export async function createBreakReason(actor: Actor, input: z.infer<typeof breakReasonSchema>) {
  assertRole(actor, ["ADMIN"]);
  const reason = await writeReason(() => db.breakReason.create({ data: input, select: reasonSelect }));
  await audit({ actor, action: "settings.updated", target: { type: "break_reason", id: reason.id }, after: reason });
  return reason;
}

export async function updateBreakReason(actor: Actor, id: string, input: z.infer<typeof breakReasonPatchSchema>) {
  assertRole(actor, ["ADMIN"]);
  const before = await db.breakReason.findUnique({ where: { id }, select: reasonSelect });
  if (!before) throw notFound("Break reason");
  const reason = await writeReason(() => db.breakReason.update({ where: { id }, data: input, select: reasonSelect }));
  await audit({ actor, action: "settings.updated", target: { type: "break_reason", id }, before, after: reason });
  return reason;
}

/** Copies the Smartflo account's break codes onto the list: a code for reasons of the same name, new reasons for the rest. */
export async function importSmartfloBreakCodes(actor: Actor) {
  assertRole(actor, ["ADMIN"]);
  let codes: { code: string; name: string }[];
  try {
    codes = await smartfloBreaks.list(smartflo());
  } catch (error) {
    if (error instanceof SmartfloError && error.code === "NOT_FOUND")
      throw new AppError("CONFLICT", "This Smartflo account has no dialer break API; breaks are kept in the CRM only");
    throw error; // other Smartflo failures: a 502 with its words (toErrorResponse)
  }
  const existing = await db.breakReason.findMany({ select: { id: true, name: true } });
  let updated = 0;
  let created = 0;
  for (const c of codes) {
    const same = existing.find((r) => r.name.toLowerCase() === c.name.toLowerCase());
    if (same) {
      await db.breakReason.update({ where: { id: same.id }, data: { smartfloCode: c.code } });
      updated++;
    } else {
      await db.breakReason.create({ data: { name: c.name, smartfloCode: c.code, sortOrder: 100 + created } });
      created++;
    }
  }
  await audit({ actor, action: "settings.updated", target: { type: "break_reason", id: "smartflo" }, after: { created, updated } });
  return { created, updated, ...(await listBreakReasons(actor, { all: true })) };
}

const breakSelect = { id: true, reason: true, startedAt: true, endedAt: true, smartflo: true } as const;
type BreakRow = { id: string; reason: string; startedAt: Date; endedAt: Date | null; smartflo: string | null };
const toDto = (b: BreakRow) => ({ ...b, startedAt: b.startedAt.toISOString(), endedAt: b.endedAt?.toISOString() ?? null });
export type BreakDto = ReturnType<typeof toDto>;

export async function openBreak(userId: string) {
  return db.agentBreak.findFirst({ where: { userId, endedAt: null }, select: breakSelect });
}

export async function myBreak(actor: Actor) {
  const open = await openBreak(actor.id);
  return { break: open ? toDto(open) : null };
}

/** Smartflo's side of a break: "synced", "unavailable" (no dialer break API), "no break code", or its error. */
async function syncSmartflo(agentNumber: string | null, action: (agentNumber: string) => Promise<void>): Promise<string | null> {
  if (!smartfloConfigured() || !agentNumber) return null;
  try {
    await action(agentNumber);
    return "synced";
  } catch (error) {
    if (error instanceof SmartfloError) return error.code === "NOT_FOUND" ? "unavailable" : error.message;
    throw error;
  }
}

export async function startBreak(actor: Actor, input: z.infer<typeof startBreakSchema>) {
  const reason = await db.breakReason.findFirst({ where: { id: input.reasonId, active: true } });
  if (!reason) throw validationError({ reasonId: "is not one of the break reasons" });
  const open = await openBreak(actor.id);
  if (open) throw new AppError("CONFLICT", `You are already on a break (${open.reason})`);
  const onCall = await db.call.count({
    where: {
      agentId: actor.id,
      status: { in: [...ACTIVE_CALL_STATUSES] },
      createdAt: { gt: new Date(Date.now() - CALL_IN_PROGRESS_WINDOW_MS) },
    },
  });
  if (onCall) throw new AppError("CONFLICT", "Finish your call before taking a break");
  let created: BreakRow;
  try {
    created = await db.agentBreak.create({ data: { userId: actor.id, reasonId: reason.id, reason: reason.name }, select: breakSelect });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "You are already on a break");
    throw error;
  }
  const me = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { smartfloAgentNumber: true } });
  const code = reason.smartfloCode;
  const synced = code
    ? await syncSmartflo(me.smartfloAgentNumber, (agentNumber) => smartfloBreaks.start(smartflo(), { agentNumber, breakCode: code }))
    : smartfloConfigured() && me.smartfloAgentNumber
      ? "no break code"
      : null;
  if (synced) created = await db.agentBreak.update({ where: { id: created.id }, data: { smartflo: synced }, select: breakSelect });
  return { break: toDto(created) };
}

export async function endBreak(actor: Actor) {
  const open = await openBreak(actor.id);
  if (!open) throw new AppError("CONFLICT", "You are not on a break");
  const me = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { smartfloAgentNumber: true } });
  // Only a break Smartflo knows about is ended there.
  const synced =
    open.smartflo === "synced"
      ? await syncSmartflo(me.smartfloAgentNumber, (agentNumber) => smartfloBreaks.end(smartflo(), { agentNumber }))
      : null;
  const ended = await db.agentBreak.update({
    where: { id: open.id },
    data: { endedAt: new Date(), ...(synced && synced !== "synced" ? { smartflo: `ended in the CRM; Smartflo: ${synced}` } : {}) },
    select: breakSelect,
  });
  return { break: toDto(ended) };
}
