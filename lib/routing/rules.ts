// Routing rules as admins and managers edit them (Settings → Lead routing): the ordered list with
// who each rule gives leads to and how many it took lately, add, change, move, switch off, delete,
// and "test a rule". The fallback ("Everyone else") is made the first time anyone lists or adds
// rules, is always last, and is never deleted. Every write takes the routing lock (the one each
// routing decision takes), so positions stay dense (0…n-1, the fallback n) and no decision meets a
// rule half-moved or deleted under it. Admins edit every rule; a manager edits the rules of their
// own team that give leads to themselves or their team, and reads the others.
import "server-only";
import { audit } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { customFieldDefs } from "../custom-fields/service";
import { db } from "../db";
import { AppError, notFound, validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { dryRun, lockRouting } from "./engine";
import type { CreateRuleInput, RuleConditions, SampleLead, UpdateRuleInput } from "./schemas";

type Tx = Prisma.TransactionClient;
type Target = CreateRuleInput["target"];

export const FALLBACK_NAME = "Everyone else";
export const MAX_RULES = 100;

const RULE_ORDER = [
  { isFallback: "asc" },
  { position: "asc" },
  { createdAt: "asc" },
] satisfies Prisma.RoutingRuleOrderByWithRelationInput[];

const RULE_SELECT = {
  id: true,
  name: true,
  enabled: true,
  isFallback: true,
  conditions: true,
  target: true,
  targetUserId: true,
  onBreach: true,
  teamManagerId: true,
  createdAt: true,
  updatedAt: true,
  targetUser: { select: { id: true, name: true, role: true, active: true, managerId: true } },
  teamManager: { select: { id: true, name: true } },
} satisfies Prisma.RoutingRuleSelect;

type RuleRow = Prisma.RoutingRuleGetPayload<{ select: typeof RULE_SELECT }>;

/** Whether this manager may change the rule: their team's, giving leads to themselves or their team. */
function managerOwns(actor: Actor, rule: Pick<RuleRow, "teamManagerId" | "targetUserId" | "target" | "targetUser">): boolean {
  if (rule.teamManagerId !== actor.id) return false;
  if (rule.targetUserId === actor.id) return true;
  return rule.target === "USER" && rule.targetUser?.managerId === actor.id;
}

const mayEdit = (actor: Actor, rule: RuleRow) => actor.role === "ADMIN" || (actor.role === "MANAGER" && managerOwns(actor, rule));

function toRuleDto(rule: RuleRow, position: number, actor: Actor, leadsLast7Days: number) {
  const { targetUser, teamManager, conditions, ...rest } = rule;
  return {
    ...rest,
    /** Its place in the order (0: tried first); the fallback is last. */
    position,
    conditions: (conditions ?? {}) as RuleConditions,
    targetUser: targetUser ? { id: targetUser.id, name: targetUser.name, role: targetUser.role, active: targetUser.active } : null,
    teamManager,
    /** Leads it gave out in the last 7 days (made in that time). */
    leadsLast7Days,
    /** The viewer may change, move or delete it. */
    editable: mayEdit(actor, rule),
  };
}

export type RoutingRuleDto = ReturnType<typeof toRuleDto>;

/** The fallback, inside a transaction holding the routing lock: made once, whoever asks first. */
async function ensureFallbackIn(tx: Tx): Promise<void> {
  if (await tx.routingRule.findFirst({ where: { isFallback: true }, select: { id: true } })) return;
  const position = await tx.routingRule.count({ where: { isFallback: false } });
  const made = await tx.routingRule.create({
    data: { name: FALLBACK_NAME, position, isFallback: true, target: "ROUND_ROBIN", targetUserId: null, onBreach: "REASSIGN" },
  });
  await audit(
    {
      actor: null,
      action: "routing_rule.created",
      target: { type: "routing_rule", id: made.id },
      after: { name: made.name, fallback: true, target: made.target },
    },
    tx,
  );
}

/**
 * Makes the fallback if there is none yet. Two requests at once make one: the second waits for the
 * routing lock, then sees the first's row (each statement reads what is committed).
 */
export async function ensureFallback(): Promise<void> {
  if (await db.routingRule.findFirst({ where: { isFallback: true }, select: { id: true } })) return;
  await db.$transaction(async (tx) => {
    await lockRouting(tx);
    await ensureFallbackIn(tx);
  });
}

/** Rewrites positions as `ids` orders the rules (0…n-1), the fallback (or fallbacks) after them. */
async function writeOrder(tx: Tx, ids: string[]): Promise<void> {
  const rows = await tx.routingRule.findMany({ select: { id: true, position: true, isFallback: true }, orderBy: RULE_ORDER });
  const fallbacks = rows.filter((r) => r.isFallback).map((r) => r.id);
  const wanted = new Map([...ids, ...fallbacks].map((id, i) => [id, i]));
  for (const r of rows) {
    const position = wanted.get(r.id);
    if (position !== undefined && position !== r.position) await tx.routingRule.update({ where: { id: r.id }, data: { position } });
  }
}

/** The other rules' ids in order (the fallback left out). */
const orderedIds = async (tx: Tx) =>
  (await tx.routingRule.findMany({ where: { isFallback: false }, select: { id: true }, orderBy: RULE_ORDER })).map((r) => r.id);

/** Source names a rule may mean: lead sources set up here, and the sources of the last 90 days' leads. */
async function sourceSuggestions(): Promise<string[]> {
  const since = new Date(Date.now() - 90 * 86400_000);
  const [sources, recent] = await Promise.all([
    db.leadSource.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
    db.$queryRaw<{ source: string }[]>`
      SELECT DISTINCT source FROM lead WHERE "createdAt" >= ${since} AND source IS NOT NULL AND source <> '' ORDER BY source LIMIT 200`,
  ]);
  return [...new Set([...sources.map((s) => s.name), ...recent.map((r) => r.source)])].sort((a, b) => a.localeCompare(b));
}

export async function listRoutingRules({ actor }: { actor: Actor }) {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  await ensureFallback();
  const since = new Date(Date.now() - 7 * 86400_000);
  const [rules, counts, sources] = await Promise.all([
    db.routingRule.findMany({ select: RULE_SELECT, orderBy: RULE_ORDER }),
    db.lead.groupBy({
      by: ["routedByRuleId"],
      where: { routedByRuleId: { not: null }, createdAt: { gte: since } },
      _count: { _all: true },
    }),
    sourceSuggestions(),
  ]);
  const taken = new Map(counts.map((c) => [c.routedByRuleId, c._count._all]));
  return {
    items: rules.map((r, i) => toRuleDto(r, i, actor, taken.get(r.id) ?? 0)),
    /** Source names for the conditions and "test a rule" (lead sources and recent leads' sources). */
    sources,
  };
}

async function ruleDto(id: string, actor: Actor) {
  const items = (await listRoutingRules({ actor })).items;
  const rule = items.find((r) => r.id === id);
  if (!rule) throw notFound("Routing rule");
  return rule;
}

/** Who a rule may give leads to, as this actor may set it: 422 naming targetUserId otherwise. */
async function checkTarget(actor: Actor, target: Target, targetUserId: string | null): Promise<void> {
  const whole = target === "ROUND_ROBIN" || target === "LEAST_LOADED";
  if (!targetUserId) {
    if (!whole) throw validationError({ targetUserId: target === "USER" ? "choose who gets the leads" : "choose whose queue" });
    if (actor.role === "MANAGER") throw validationError({ targetUserId: "choose your team: your rules give leads to your own team" });
    return;
  }
  const user = await db.user.findUnique({ where: { id: targetUserId }, select: { id: true, role: true, active: true, managerId: true } });
  if (!user?.active) throw validationError({ targetUserId: "is not an active user" });
  if (target === "MANAGER_QUEUE" && user.role === "AGENT") throw validationError({ targetUserId: "must be a manager or an admin" });
  if (whole && user.role !== "MANAGER") throw validationError({ targetUserId: "must be a manager (their team) or empty (every agent)" });
  if (actor.role === "MANAGER" && user.id !== actor.id && !(target === "USER" && user.managerId === actor.id))
    throw validationError({ targetUserId: "is not you or someone in your team" });
}

/** Conditions as stored: empty lists dropped; custom fields must be fields in use (422 naming the key). */
async function checkConditions(conditions: RuleConditions): Promise<RuleConditions> {
  const { sources, fields, hours, ...rest } = conditions;
  const out: RuleConditions = { ...rest };
  if (sources?.length) out.sources = [...new Set(sources)];
  if (fields && Object.keys(fields).length) {
    const active = new Set((await customFieldDefs()).filter((d) => !d.archivedAt).map((d) => d.key));
    const unknown = Object.keys(fields).filter((k) => !active.has(k));
    if (unknown.length)
      throw validationError(Object.fromEntries(unknown.map((k) => [`conditions.fields.${k}`, "is not a lead field in use"])));
    out.fields = fields;
  }
  if (hours) {
    if (hours.from === hours.to) throw validationError({ "conditions.hours.to": "must differ from the start" });
    const { days, ...time } = hours;
    out.hours = days?.length && days.length < 7 ? { ...time, days: [...new Set(days)].sort() } : time;
  }
  return out;
}

const auditShape = (r: {
  name: string;
  enabled: boolean;
  conditions: unknown;
  target: string;
  targetUserId: string | null;
  onBreach: string;
}) =>
  ({
    name: r.name,
    enabled: r.enabled,
    conditions: r.conditions as Prisma.InputJsonValue,
    target: r.target,
    targetUserId: r.targetUserId,
    onBreach: r.onBreach,
  }) satisfies Prisma.InputJsonObject;

export async function createRoutingRule({ actor, input }: { actor: Actor; input: CreateRuleInput }) {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  await checkTarget(actor, input.target, input.targetUserId);
  const conditions = await checkConditions(input.conditions);
  const id = await db.$transaction(async (tx) => {
    await lockRouting(tx);
    await ensureFallbackIn(tx);
    const order = await orderedIds(tx);
    if (order.length >= MAX_RULES)
      throw new AppError("CONFLICT", `At most ${MAX_RULES} routing rules: delete one first`, { fields: { name: "too many rules" } });
    const at = Math.min(input.position ?? order.length, order.length);
    const made = await tx.routingRule.create({
      data: {
        name: input.name,
        enabled: input.enabled,
        conditions,
        target: input.target,
        targetUserId: input.targetUserId,
        onBreach: input.onBreach,
        teamManagerId: actor.role === "MANAGER" ? actor.id : null,
        position: at,
      },
    });
    order.splice(at, 0, made.id);
    await writeOrder(tx, order);
    await audit(
      {
        actor,
        action: "routing_rule.created",
        target: { type: "routing_rule", id: made.id },
        after: { ...auditShape(made), position: at },
      },
      tx,
    );
    return made.id;
  });
  return ruleDto(id, actor);
}

/** The rule this actor may change: 404 when there is none (agents see none), 403 when it is not theirs. */
async function editableRule(tx: Tx | typeof db, actor: Actor, id: string): Promise<RuleRow> {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  const rule = await tx.routingRule.findUnique({ where: { id }, select: RULE_SELECT });
  if (!rule) throw notFound("Routing rule");
  if (!mayEdit(actor, rule))
    throw new AppError("FORBIDDEN", `Only an admin can change “${rule.name}”: managers change their own team's rules`);
  return rule;
}

export async function updateRoutingRule({ actor, id, input }: { actor: Actor; id: string; input: UpdateRuleInput }) {
  const before = await editableRule(db, actor, id);
  if (before.isFallback) {
    if (input.conditions && Object.keys(input.conditions).length)
      throw validationError({ conditions: `“${before.name}” takes every lead no other rule takes: it has no conditions` });
    if (input.position !== undefined) throw validationError({ position: `“${before.name}” is always last` });
    if (input.enabled === false) throw validationError({ enabled: `“${before.name}” is always on` });
  }
  const target = input.target ?? before.target;
  const targetUserId = input.targetUserId !== undefined ? input.targetUserId : before.targetUserId;
  if (input.target !== undefined || input.targetUserId !== undefined) await checkTarget(actor, target, targetUserId);
  const conditions = input.conditions && !before.isFallback ? await checkConditions(input.conditions) : undefined;
  await db.$transaction(async (tx) => {
    await lockRouting(tx);
    // Read again under the lock: a concurrent delete or change wins cleanly.
    const current = await editableRule(tx, actor, id);
    const data: Prisma.RoutingRuleUncheckedUpdateInput = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(conditions !== undefined ? { conditions } : {}),
      ...(input.target !== undefined ? { target } : {}),
      ...(input.targetUserId !== undefined ? { targetUserId } : {}),
      ...(input.onBreach !== undefined ? { onBreach: input.onBreach } : {}),
      // A new target starts its own turn.
      ...(target !== current.target || targetUserId !== current.targetUserId ? { lastUserId: null } : {}),
    };
    const after = await tx.routingRule.update({ where: { id }, data });
    let position: number | undefined;
    if (input.position !== undefined) {
      const all = await orderedIds(tx);
      const order = all.filter((r) => r !== id);
      position = Math.min(input.position, order.length);
      order.splice(position, 0, id);
      await writeOrder(tx, order);
      if (all.indexOf(id) === position) position = undefined;
    }
    const beforeShape = auditShape(current);
    const afterShape = auditShape(after);
    const keys = (Object.keys(afterShape) as (keyof typeof afterShape)[]).filter(
      (k) => JSON.stringify(beforeShape[k]) !== JSON.stringify(afterShape[k]),
    );
    if (keys.length || position !== undefined)
      await audit(
        {
          actor,
          action: "routing_rule.updated",
          target: { type: "routing_rule", id },
          before: { name: current.name, ...Object.fromEntries(keys.map((k) => [k, beforeShape[k] ?? null])) },
          after: { ...Object.fromEntries(keys.map((k) => [k, afterShape[k] ?? null])), ...(position !== undefined ? { position } : {}) },
        },
        tx,
      );
  });
  return ruleDto(id, actor);
}

export async function deleteRoutingRule({ actor, id }: { actor: Actor; id: string }) {
  await db.$transaction(async (tx) => {
    await lockRouting(tx);
    const rule = await editableRule(tx, actor, id);
    if (rule.isFallback)
      throw new AppError("CONFLICT", `“${rule.name}” is the fallback: it takes the leads no other rule takes and cannot be deleted`, {
        fields: { id: `“${rule.name}” is the fallback` },
      });
    await tx.routingRule.delete({ where: { id } });
    await writeOrder(tx, await orderedIds(tx));
    await audit({ actor, action: "routing_rule.deleted", target: { type: "routing_rule", id }, before: auditShape(rule) }, tx);
  });
}

/** "Test a rule": who a sample lead would go to now, by which rule and why (nothing moves). */
export async function testRoutingRules({ actor, lead }: { actor: Actor; lead: SampleLead }) {
  assertRole(actor, ["ADMIN", "MANAGER"]);
  const decision = await dryRun(lead);
  return {
    userId: decision.userId,
    userName: decision.userName,
    ruleId: decision.ruleId,
    ruleName: decision.ruleName,
    reason: decision.reason,
  };
}
