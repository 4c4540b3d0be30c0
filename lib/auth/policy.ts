// Who may see and change what: every scope the services put in their queries' `where`, in one
// place. Records outside a scope answer 404 (never 403: existence does not leak).
import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { type Actor, isSupervisor } from "./actor";

/** The leads an actor sees: agents their own; managers and admins everyone's. */
export function leadScope(actor: Actor): Prisma.LeadWhereInput {
  return isSupervisor(actor) ? {} : { ownerId: actor.id };
}

/** leadScope as a raw SQL condition on a lead table alias (click-to-call's single read). */
export function leadScopeSql(actor: Actor, alias: string): Prisma.Sql {
  return isSupervisor(actor) ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(alias)}."ownerId" = ${actor.id}`;
}

/**
 * The leads whose work an actor follows (the waiting new leads on Home and /live): agents their
 * own; managers their own and their team's (they see every lead, but answer for their team's);
 * admins everyone's.
 */
export function teamLeadScope(actor: Actor): Prisma.LeadWhereInput {
  if (actor.role === "ADMIN") return {};
  if (actor.role === "MANAGER") return { OR: [{ ownerId: actor.id }, { owner: { managerId: actor.id } }] };
  return { ownerId: actor.id };
}

/**
 * The leads an actor may hand to someone (assign, reassign): admins any; managers their own,
 * their team's and unassigned ones (they see every lead, but move only their team's); agents none
 * but their own.
 */
export function leadManageScope(actor: Actor): Prisma.LeadWhereInput {
  if (actor.role === "ADMIN") return {};
  if (actor.role === "MANAGER") return { OR: [{ ownerId: null }, { ownerId: actor.id }, { owner: { managerId: actor.id } }] };
  return { ownerId: actor.id };
}

/** The calls an actor sees: agents their own, managers their own and their team's, admins all. */
export function callScope(actor: Actor): Prisma.CallWhereInput {
  if (actor.role === "ADMIN") return {};
  if (actor.role === "MANAGER") return { OR: [{ agentId: actor.id }, { agent: { managerId: actor.id } }] };
  return { agentId: actor.id };
}

/**
 * The same scope for lists: a manager's team resolved to its agent ids first, so the planner
 * walks the calls' own indexes (a join to users makes it scan every call for a capped count).
 */
export async function callListScope(actor: Actor): Promise<Prisma.CallWhereInput> {
  if (actor.role !== "MANAGER") return callScope(actor);
  const team = await db.user.findMany({ where: { managerId: actor.id }, select: { id: true } });
  return { agentId: { in: [actor.id, ...team.map((u) => u.id)] } };
}

/**
 * callScope in SQL, for raw queries over a column holding a user id (the dashboard's rollups):
 * admins every row, managers their own and their team's, agents their own.
 */
export function workOfSql(actor: Actor, column: string): Prisma.Sql {
  const col = Prisma.raw(column);
  if (actor.role === "ADMIN") return Prisma.sql`TRUE`;
  if (actor.role === "MANAGER")
    return Prisma.sql`(${col} = ${actor.id} OR ${col} IN (SELECT id FROM "user" WHERE "managerId" = ${actor.id}))`;
  return Prisma.sql`${col} = ${actor.id}`;
}

/** The tasks an actor may change: their own; managers also their team's; admins all. */
export function taskScope(actor: Actor): Prisma.TaskWhereInput {
  if (actor.role === "ADMIN") return {};
  if (actor.role === "MANAGER") return { OR: [{ assigneeId: actor.id }, { assignee: { managerId: actor.id } }] };
  return { assigneeId: actor.id };
}

/** Whether the actor may give this (active) user a lead or a task: admins anyone, managers themselves and their team, agents themselves. */
export function mayOwnLeadsOf(actor: Actor, user: { id: string; managerId: string | null }): boolean {
  if (actor.role === "ADMIN") return true;
  if (actor.role === "MANAGER") return user.id === actor.id || user.managerId === actor.id;
  return user.id === actor.id;
}

/** Who is looking, for checks made in memory (the live stream): the actor and, for a manager, their team's ids. */
export interface Viewer {
  actor: Actor;
  team: ReadonlySet<string>;
}

/** The team a manager's checks need (their direct reports); empty for everyone else. */
export async function viewerOf(actor: Actor): Promise<Viewer> {
  if (actor.role !== "MANAGER") return { actor, team: new Set() };
  const team = await db.user.findMany({ where: { managerId: actor.id }, select: { id: true } });
  return { actor, team: new Set(team.map((u) => u.id)) };
}

/** callScope and taskScope in memory: whether the viewer sees the work of this user (agent, assignee). */
export function seesWorkOf(viewer: Viewer, userId: string | null): boolean {
  if (viewer.actor.role === "ADMIN") return true;
  if (userId === null) return false;
  return userId === viewer.actor.id || (viewer.actor.role === "MANAGER" && viewer.team.has(userId));
}

/** leadScope in memory: whether the viewer sees a lead with this owner. */
export function seesLeadOwnedBy(viewer: Viewer, ownerId: string | null): boolean {
  return isSupervisor(viewer.actor) || (ownerId !== null && ownerId === viewer.actor.id);
}
