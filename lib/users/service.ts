import type { Actor } from "../auth/actor";
import { isSupervisor } from "../auth/actor";
import { db } from "../db";

/** People a lead can be assigned to. Agents only ever see themselves. */
export async function listAssignableUsers(actor: Actor) {
  const users = await db.user.findMany({
    where: isSupervisor(actor) ? { active: true } : { id: actor.id },
    select: { id: true, name: true, email: true, role: true },
    orderBy: { name: "asc" },
  });
  return { items: users };
}
