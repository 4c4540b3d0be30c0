// Admins manage users: roles, teams, active flag and each agent's Smartflo number.
import "server-only";
import type { z } from "zod";
import { audit, changedFields } from "../audit/log";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { db } from "../db";
import { AppError, notFound, validationError } from "../errors";
import { smartflo } from "../smartflo";
import { createUserWithPassword } from "./create-user";
import type { createUserSchema, updateUserSchema } from "./schemas";

const userSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  smartfloAgentNumber: true,
  active: true,
  managerId: true,
  createdAt: true,
} as const;

export async function listUsersForAdmin({ actor }: { actor: Actor }) {
  assertRole(actor, ["ADMIN"]);
  const users = await db.user.findMany({ select: userSelect, orderBy: [{ active: "desc" }, { name: "asc" }] });
  return { items: users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })) };
}

async function assertManager(managerId: string | null | undefined) {
  if (!managerId) return;
  const manager = await db.user.findUnique({ where: { id: managerId }, select: { role: true } });
  if (!manager || manager.role === "AGENT") throw validationError({ managerId: "must be a manager or admin" });
}

async function assertNumberFree(number: string | null | undefined, exceptId?: string) {
  if (!number) return;
  const taken = await db.user.findFirst({
    where: { smartfloAgentNumber: number, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (taken)
    throw new AppError("CONFLICT", `Agent number ${number} already belongs to ${taken.name}`, {
      fields: { smartfloAgentNumber: "is already used by another user" },
    });
}

export async function createUser({ actor, input }: { actor: Actor; input: z.infer<typeof createUserSchema> }) {
  assertRole(actor, ["ADMIN"]);
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("CONFLICT", "A user with this email already exists", { fields: { email: "is already used" } });
  }
  await assertManager(input.managerId);
  await assertNumberFree(input.smartfloAgentNumber);
  const user = await createUserWithPassword(db, {
    ...input,
    smartfloAgentNumber: input.smartfloAgentNumber ?? null,
    managerId: input.managerId ?? null,
  });
  const created = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: userSelect });
  await audit({
    actor,
    action: "user.created",
    target: { type: "user", id: created.id },
    after: {
      email: created.email,
      name: created.name,
      role: created.role,
      managerId: created.managerId,
      smartfloAgentNumber: created.smartfloAgentNumber,
    },
  });
  return created;
}

export async function updateUser({ actor, id, patch }: { actor: Actor; id: string; patch: z.infer<typeof updateUserSchema> }) {
  assertRole(actor, ["ADMIN"]);
  const user = await db.user.findUnique({
    where: { id },
    select: { name: true, role: true, smartfloAgentNumber: true, managerId: true, active: true },
  });
  if (!user) throw notFound("User");
  if (id === actor.id && (patch.active === false || (patch.role && patch.role !== "ADMIN"))) {
    throw validationError({ [patch.active === false ? "active" : "role"]: "you cannot deactivate or demote yourself" });
  }
  if (patch.managerId === id) throw validationError({ managerId: "a user cannot manage themselves" });
  await assertManager(patch.managerId);
  await assertNumberFree(patch.smartfloAgentNumber, id);
  const updated = await db.$transaction(async (tx) => {
    const row = await tx.user.update({ where: { id }, data: patch, select: userSelect });
    // A deactivated user is signed out everywhere at once.
    if (patch.active === false) await tx.session.deleteMany({ where: { userId: id } });
    const change = changedFields(user, patch);
    if (change.changed)
      await audit({ actor, action: "user.updated", target: { type: "user", id }, before: change.before, after: change.after }, tx);
    return row;
  });
  return updated;
}

export async function listSmartfloAgents({ actor }: { actor: Actor }) {
  assertRole(actor, ["ADMIN"]);
  const agents = await smartflo().users();
  return {
    items: agents.map((a) => ({
      id: a.id ?? null,
      name: a.name ?? null,
      email: a.email ?? null,
      number: a.agent_number ?? a.extension ?? null,
    })),
  };
}
