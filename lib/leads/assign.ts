// Lead assignment: managers and admins assign or reassign leads (one or many), each change on the
// lead's timeline; optional round-robin hands new unowned and inbound-created leads to active agents
// in turn (the turn is kept in PostgreSQL and taken under a row lock, so concurrent requests and
// several app instances never hand out the same turn twice).
import "server-only";
import type { z } from "zod";
import { audit, auditMany } from "../audit/log";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { leadManageScope } from "../auth/policy";
import { db } from "../db";
import { validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { findAssignableOwner } from "../users/service";
import type { assignLeadsSchema, roundRobinSchema } from "./schemas";

type Tx = Prisma.TransactionClient;

const ROUND_ROBIN_KEY = "leads.roundRobin";
interface RoundRobinValue {
  enabled: boolean;
  lastAgentId: string | null;
}

export async function assignLeads({ actor, input }: { actor: Actor; input: z.infer<typeof assignLeadsSchema> }) {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  const owner = input.ownerId ? await findAssignableOwner(actor, input.ownerId) : null;
  const ids = [...new Set(input.leadIds)];
  return db.$transaction(async (tx) => {
    // Only leads the actor may move: a manager cannot take another team's leads.
    const leads = await tx.lead.findMany({
      where: { AND: [{ id: { in: ids } }, leadManageScope(actor)] },
      select: { id: true, ownerId: true, owner: { select: { name: true } } },
    });
    const found = new Set(leads.map((l) => l.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      throw validationError({
        leadIds:
          `${missing.length} of the leads do not exist or are not yours to assign ` +
          `(${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", …" : ""})`,
      });
    }
    const changing = leads.filter((l) => l.ownerId !== (owner?.id ?? null));
    if (changing.length) {
      await tx.lead.updateMany({ where: { id: { in: changing.map((l) => l.id) } }, data: { ownerId: owner?.id ?? null } });
      await tx.activity.createMany({
        data: changing.map((l) => ({
          leadId: l.id,
          type: "ASSIGNMENT" as const,
          actorId: actor.id,
          payload: { from: l.ownerId, fromName: l.owner?.name ?? null, to: owner?.id ?? null, toName: owner?.name ?? null },
        })),
      });
      await auditMany(
        changing.map((l) => ({
          actor,
          action: "lead.assigned",
          target: { type: "lead", id: l.id },
          before: { ownerId: l.ownerId },
          after: { ownerId: owner?.id ?? null },
        })),
        tx,
      );
    }
    return { assigned: changing.length, unchanged: leads.length - changing.length };
  });
}

export async function getRoundRobin({ actor }: { actor: Actor }) {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  const row = await db.appSetting.findUnique({ where: { key: ROUND_ROBIN_KEY } });
  const value = (row?.value ?? { enabled: false, lastAgentId: null }) as unknown as RoundRobinValue;
  const agents = await db.user.findMany({
    where: { role: "AGENT", active: true },
    orderBy: { id: "asc" },
    select: { id: true, name: true },
  });
  return { enabled: value.enabled, agents, lastAgentId: value.lastAgentId };
}

export async function setRoundRobin({ actor, input }: { actor: Actor; input: z.infer<typeof roundRobinSchema> }) {
  assertRole(actor, ["ADMIN"]);
  const current = await db.appSetting.findUnique({ where: { key: ROUND_ROBIN_KEY } });
  const value: RoundRobinValue = {
    enabled: input.enabled,
    lastAgentId: ((current?.value ?? {}) as Partial<RoundRobinValue>).lastAgentId ?? null,
  };
  await db.appSetting.upsert({
    where: { key: ROUND_ROBIN_KEY },
    create: { key: ROUND_ROBIN_KEY, value: { ...value } },
    update: { value: { ...value } },
  });
  const before = ((current?.value ?? {}) as Partial<RoundRobinValue>).enabled ?? false;
  if (before !== input.enabled)
    await audit({
      actor,
      action: "settings.updated",
      target: { type: "setting", id: ROUND_ROBIN_KEY },
      before: { enabled: before },
      after: { enabled: input.enabled },
    });
  return getRoundRobin({ actor });
}

/** The next active agent in turn when round-robin is on; null when it is off or nobody is active. */
export async function nextRoundRobinOwner(tx: Tx): Promise<string | null> {
  return (await roundRobinOwners(tx, 1))[0] ?? null;
}

/** The next `n` owners in turn (one statement to lock the turn, one to move it); [] when round-robin is off. */
export async function roundRobinOwners(tx: Tx, n: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ value: RoundRobinValue }[]>`SELECT value FROM app_setting WHERE key = ${ROUND_ROBIN_KEY} FOR UPDATE`;
  const value = rows[0]?.value;
  if (!value?.enabled || n <= 0) return [];
  const agents = await tx.user.findMany({ where: { role: "AGENT", active: true }, orderBy: { id: "asc" }, select: { id: true } });
  if (agents.length === 0) return [];
  let index = value.lastAgentId === null ? -1 : agents.findIndex((a) => a.id > value.lastAgentId!) - 1;
  if (index < -1) index = agents.length - 1; // everyone sorts before the last one: wrap around
  const owners: string[] = [];
  for (let k = 0; k < n; k++) {
    index = (index + 1) % agents.length;
    owners.push(agents[index]!.id);
  }
  await tx.appSetting.update({ where: { key: ROUND_ROBIN_KEY }, data: { value: { ...value, lastAgentId: owners.at(-1)! } } });
  return owners;
}
