// Follow-up tasks. Agents see the tasks assigned to them; managers also their team's; admins all.
import "server-only";
import type { z } from "zod";
import type { Actor } from "../auth/actor";
import { isSupervisor } from "../auth/actor";
import { mayOwnLeadsOf, taskScope } from "../auth/policy";
import { db } from "../db";
import { pickJson } from "../dto";
import { notFound, validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { findVisibleLead } from "../leads/read-lead";
import { formatPhone } from "../phone";
import type { createTaskSchema, listTasksQuerySchema, updateTaskSchema } from "./schemas";

export const taskInclude = {
  lead: { select: { id: true, name: true, phone: true, status: true } },
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.TaskInclude;
type TaskRow = Prisma.TaskGetPayload<{ include: typeof taskInclude }>;

export function toTaskDto(t: TaskRow) {
  return {
    ...pickJson(t, ["id", "kind", "title", "dueAt", "doneAt", "callId", "assignee", "createdAt"]),
    overdue: !t.doneAt && t.dueAt.getTime() < Date.now(),
    lead: { ...t.lead, phoneDisplay: formatPhone(t.lead.phone) },
  };
}
export type TaskDto = ReturnType<typeof toTaskDto>;

export async function listTasks({ actor, query }: { actor: Actor; query: z.infer<typeof listTasksQuerySchema> }) {
  // One lead's tasks: everyone's, for whoever may see the lead. Otherwise the actor's (or team's).
  if (query.leadId) await findVisibleLead(actor, query.leadId);
  const scope = query.leadId ? {} : query.scope === "team" && isSupervisor(actor) ? taskScope(actor) : { assigneeId: actor.id };
  const where: Prisma.TaskWhereInput = {
    AND: [scope, query.status === "open" ? { doneAt: null } : { doneAt: { not: null } }, query.leadId ? { leadId: query.leadId } : {}],
  };
  const rows = await db.task.findMany({
    where,
    // Open: overdue first (earliest due first). Done: most recently completed first.
    orderBy: query.status === "open" ? [{ dueAt: "asc" }, { id: "asc" }] : [{ doneAt: "desc" }, { id: "desc" }],
    take: query.limit,
    include: taskInclude,
  });
  return { items: rows.map(toTaskDto) };
}

/** The nav badge: open tasks due by now (overdue or due), and all open ones. */
export async function taskCounts({ actor }: { actor: Actor }) {
  const [open, due] = await Promise.all([
    db.task.count({ where: { assigneeId: actor.id, doneAt: null } }),
    db.task.count({ where: { assigneeId: actor.id, doneAt: null, dueAt: { lte: new Date() } } }),
  ]);
  return { open, due };
}

export async function createTask({ actor, input }: { actor: Actor; input: z.infer<typeof createTaskSchema> }): Promise<TaskDto> {
  const lead = await findVisibleLead(actor, input.leadId);
  let assigneeId = actor.id;
  if (input.assigneeId && input.assigneeId !== actor.id) {
    if (!isSupervisor(actor)) throw validationError({ assigneeId: "agents can only create tasks for themselves" });
    const user = await db.user.findFirst({ where: { id: input.assigneeId, active: true }, select: { id: true, managerId: true } });
    if (!user) throw validationError({ assigneeId: "is not an active user" });
    // The same team rule as leads: a manager gives work to themselves and their team only.
    if (!mayOwnLeadsOf(actor, user)) throw validationError({ assigneeId: "is not in your team" });
    assigneeId = user.id;
  }
  const task = await db.task.create({
    data: { leadId: lead.id, title: input.title, dueAt: input.dueAt, assigneeId, createdById: actor.id, kind: "FOLLOW_UP" },
    include: taskInclude,
  });
  return toTaskDto(task);
}

type UpdateTaskInput = { actor: Actor; id: string; patch: z.infer<typeof updateTaskSchema> };

export async function updateTask({ actor, id, patch }: UpdateTaskInput): Promise<TaskDto> {
  const task = await db.task.findFirst({ where: { AND: [{ id }, taskScope(actor)] }, select: { id: true } });
  if (!task) throw notFound("Task");
  const data: Prisma.TaskUpdateInput = {};
  if (patch.done !== undefined) data.doneAt = patch.done ? new Date() : null;
  if (patch.dueAt !== undefined) data.dueAt = patch.dueAt;
  if (patch.title !== undefined) data.title = patch.title;
  const updated = await db.task.update({ where: { id: task.id }, data, include: taskInclude });
  return toTaskDto(updated);
}
