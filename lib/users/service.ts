import "server-only";
import type { Actor } from "../auth/actor";
import { isSupervisor } from "../auth/actor";
import { mayOwnLeadsOf } from "../auth/policy";
import { db } from "../db";
import { validationError } from "../errors";

/**
 * The people on the lead list's owner filter, each marked whether this actor may give them leads:
 * admins anyone active, managers themselves and their team, agents only themselves (the only
 * person they see).
 */
export async function listAssignableUsers(actor: Actor) {
  const users = await db.user.findMany({
    where: isSupervisor(actor) ? { active: true } : { id: actor.id },
    select: { id: true, name: true, email: true, role: true, managerId: true },
    orderBy: { name: "asc" },
  });
  return { items: users.map(({ managerId, ...u }) => ({ ...u, assignable: mayOwnLeadsOf(actor, { id: u.id, managerId }) })) };
}

/** The active user `ownerId` names, if this actor may give them leads; a 422 on `ownerId` otherwise. */
export async function findAssignableOwner(actor: Actor, ownerId: string): Promise<{ id: string; name: string; managerId: string | null }> {
  const owner = await db.user.findFirst({ where: { id: ownerId, active: true }, select: { id: true, name: true, managerId: true } });
  if (!owner) throw validationError({ ownerId: "is not an active user" });
  if (!mayOwnLeadsOf(actor, owner)) throw validationError({ ownerId: "is not in your team" });
  return owner;
}
