// Who gets a lead that arrives by itself (a lead source, a web form, an ad platform, IndiaMART, a new
// caller, a CSV import that asks for it): the first enabled rule whose conditions hold and whose
// target has someone available; the fallback (always last) otherwise. Agents on a break, away
// longer than the set time, or at capacity are skipped. Every decision says which rule chose whom
// and why. Decisions are serialised (one transaction-scoped lock): with any number of app servers
// and arrivals no agent is counted twice for a turn or a load. Without any rule the floor's
// round-robin setting decides, as before rules existed.
import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { roundRobinOwners } from "../leads/assign";
import { istDay } from "../time/india";
import type { RuleConditions, SampleLead, SpeedSettings } from "./schemas";
import { speedSettings } from "./settings";

type Tx = Prisma.TransactionClient;

export interface RoutedLead {
  source: string | null;
  subSource: string | null;
  fields: Record<string, unknown>;
  /** When it arrived (time-of-day conditions). */
  at: Date;
}

export interface Decision {
  userId: string | null;
  userName: string | null;
  ruleId: string | null;
  ruleName: string | null;
  reason: string;
}

type Rule = Awaited<ReturnType<typeof loadRules>>[number];

const loadRules = (tx: Tx | typeof db) =>
  tx.routingRule.findMany({
    where: { enabled: true },
    orderBy: [{ isFallback: "asc" }, { position: "asc" }, { createdAt: "asc" }],
    include: { targetUser: { select: { id: true, name: true, role: true, active: true } } },
  });

const IST_MS = 330 * 60_000;
const minuteOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether every condition the rule sets holds for the lead. Pure. */
export function conditionsHold(conditions: RuleConditions, lead: RoutedLead): boolean {
  const lower = (s: string | null | undefined) => (s ?? "").trim().toLowerCase();
  if (conditions.sources?.length && !conditions.sources.some((s) => lower(s) === lower(lead.source))) return false;
  if (conditions.subSourceContains && !lower(lead.subSource).includes(lower(conditions.subSourceContains))) return false;
  for (const [key, wanted] of Object.entries(conditions.fields ?? {})) {
    const value = lead.fields[key];
    const held = (Array.isArray(value) ? value : [value]).filter((v) => v !== null && v !== undefined).map((v) => lower(String(v)));
    if (!wanted.some((w) => held.includes(lower(w)))) return false;
  }
  if (conditions.hours) {
    const ist = new Date(lead.at.getTime() + IST_MS);
    const minute = ist.getUTCHours() * 60 + ist.getUTCMinutes();
    const from = minuteOfDay(conditions.hours.from);
    const to = minuteOfDay(conditions.hours.to);
    const inside = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
    // ISO weekday of the India date: 1 Monday … 7 Sunday. After midnight in a window across midnight,
    // the night began the day before ("22:00–06:00 Fri" takes Saturday 01:00, not Friday 01:00).
    const day = from > to && minute < to ? new Date(lead.at.getTime() - 86400_000) : lead.at;
    const weekday = ((new Date(`${istDay(day)}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    if (!inside || (conditions.hours.days?.length && !conditions.hours.days.includes(weekday))) return false;
  }
  return true;
}

interface Candidate {
  id: string;
  name: string;
}

/** The agents a rule's target names (in a stable order), before availability. */
async function targetAgents(tx: Tx | typeof db, rule: Rule): Promise<Candidate[]> {
  if (rule.target === "USER" || rule.target === "MANAGER_QUEUE")
    return rule.targetUser?.active ? [{ id: rule.targetUser.id, name: rule.targetUser.name }] : [];
  return tx.user.findMany({
    where: { role: "AGENT", active: true, ...(rule.targetUserId ? { managerId: rule.targetUserId } : {}) },
    orderBy: { id: "asc" },
    select: { id: true, name: true },
  });
}

/** Why each of these agents cannot take a lead now (on a break, away, at capacity); absent: available. */
async function unavailable(tx: Tx | typeof db, ids: string[], settings: SpeedSettings, now: Date): Promise<Map<string, string>> {
  const why = new Map<string, string>();
  if (ids.length === 0) return why;
  const [breaks, users, loads] = await Promise.all([
    tx.agentBreak.findMany({ where: { userId: { in: ids }, endedAt: null }, select: { userId: true } }),
    tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, lastSeenAt: true } }),
    settings.capacity === null ? Promise.resolve([]) : openNewLeads(tx, ids),
  ]);
  for (const b of breaks) why.set(b.userId, "on a break");
  if (settings.awayAfterMinutes !== null) {
    const since = now.getTime() - settings.awayAfterMinutes * 60_000;
    for (const u of users) if (!why.has(u.id) && (!u.lastSeenAt || u.lastSeenAt.getTime() < since)) why.set(u.id, "away");
  }
  for (const l of loads)
    if (!why.has(l.ownerId) && settings.capacity !== null && l.open >= settings.capacity) why.set(l.ownerId, "at capacity");
  return why;
}

/** Open new leads per agent (the load least-loaded compares, and the capacity). */
async function openNewLeads(tx: Tx | typeof db, ids: string[]) {
  const rows = await tx.lead.groupBy({
    by: ["ownerId"],
    where: { ownerId: { in: ids }, status: "NEW", erasedAt: null, isTest: false },
    _count: { _all: true },
  });
  return rows.map((r) => ({ ownerId: r.ownerId!, open: r._count._all }));
}

/** The pick among available agents: the next in the rule's turn, or the least loaded (ties: the turn). */
async function pick(tx: Tx | typeof db, rule: Rule, available: Candidate[], { move }: { move: boolean }): Promise<Candidate> {
  const afterTurn = (list: Candidate[]) => list.find((c) => rule.lastUserId === null || c.id > rule.lastUserId) ?? list[0]!;
  let chosen: Candidate;
  if (rule.target === "LEAST_LOADED") {
    const loads = new Map(
      (
        await openNewLeads(
          tx,
          available.map((a) => a.id),
        )
      ).map((l) => [l.ownerId, l.open]),
    );
    const least = Math.min(...available.map((a) => loads.get(a.id) ?? 0));
    chosen = afterTurn(available.filter((a) => (loads.get(a.id) ?? 0) === least));
  } else chosen = rule.target === "ROUND_ROBIN" ? afterTurn(available) : available[0]!;
  if (move && rule.target !== "USER" && rule.target !== "MANAGER_QUEUE")
    await tx.routingRule.update({ where: { id: rule.id }, data: { lastUserId: chosen.id } });
  return chosen;
}

const TARGET_WORDS: Record<Rule["target"], string> = {
  USER: "named agent",
  ROUND_ROBIN: "next in turn",
  LEAST_LOADED: "fewest open new leads",
  MANAGER_QUEUE: "manager's queue",
};

/**
 * The decision for a lead. `move`: a real assignment (the turn moves; callers hold the routing
 * lock); false for a dry run. `exclude`: agents not to give it to (the owner it is taken from).
 */
export async function decide(
  tx: Tx | typeof db,
  lead: RoutedLead,
  { move, exclude = [], only }: { move: boolean; exclude?: string[]; only?: string },
): Promise<Decision> {
  const rules = (await loadRules(tx)).filter((r) => !only || r.id === only);
  if (rules.length === 0) {
    if (only) return { userId: null, userName: null, ruleId: null, ruleName: null, reason: "the rule is switched off or gone" };
    // No rules yet: the floor's round-robin setting, as before.
    const [owner] = move ? await roundRobinOwners(tx as Tx, 1) : [null];
    const name = owner ? ((await tx.user.findUnique({ where: { id: owner }, select: { name: true } }))?.name ?? null) : null;
    return {
      userId: owner ?? null,
      userName: name,
      ruleId: null,
      ruleName: null,
      reason: owner ? "round-robin" : "no routing rules; round-robin is off",
    };
  }
  const settings = await speedSettings(tx);
  const now = new Date();
  const skipped: string[] = [];
  let fallbackPool: { rule: Rule; agents: Candidate[] } | null = null;
  for (const rule of rules) {
    if (!rule.isFallback && !conditionsHold(rule.conditions as RuleConditions, lead)) continue;
    const agents = (await targetAgents(tx, rule)).filter((a) => !exclude.includes(a.id));
    const why =
      rule.target === "MANAGER_QUEUE"
        ? new Map<string, string>()
        : await unavailable(
            tx,
            agents.map((a) => a.id),
            settings,
            now,
          );
    const available = agents.filter((a) => !why.has(a.id));
    if (available.length) {
      const chosen = await pick(tx, rule, available, { move });
      const skippedText = [...why.entries()].map(([id, w]) => `${agents.find((a) => a.id === id)?.name ?? "someone"} ${w}`);
      const reason = [rule.isFallback ? "no other rule applied" : "conditions met", TARGET_WORDS[rule.target], ...skippedText].join("; ");
      return { userId: chosen.id, userName: chosen.name, ruleId: rule.id, ruleName: rule.name, reason };
    }
    skipped.push(`${rule.name}: ${agents.length ? "nobody available" : "nobody in its target"}`);
    if (rule.isFallback) fallbackPool = { rule, agents };
  }
  // Nobody available anywhere (night, everyone on a break): the fallback's agents in turn all the
  // same, so the lead has an owner when the floor opens; else it waits unassigned.
  if (fallbackPool?.agents.length) {
    const chosen = await pick(tx, fallbackPool.rule, fallbackPool.agents, { move });
    return {
      userId: chosen.id,
      userName: chosen.name,
      ruleId: fallbackPool.rule.id,
      ruleName: fallbackPool.rule.name,
      reason: `nobody available now (${skipped.join("; ")}); given in turn`,
    };
  }
  return { userId: null, userName: null, ruleId: null, ruleName: null, reason: skipped.length ? skipped.join("; ") : "no rule applied" };
}

/** Serialises routing decisions until the caller's transaction ends (turns and loads stay exact). */
export const lockRouting = (tx: Tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('crm:routing', 0))`;

/** A real assignment inside the caller's transaction (the lead being made or moved). */
export async function route(tx: Tx, lead: RoutedLead, opts: { exclude?: string[]; only?: string } = {}): Promise<Decision> {
  await lockRouting(tx);
  return decide(tx, lead, { move: true, ...opts });
}

/** "Test a rule": who would get this sample lead now (nothing moves). */
export async function dryRun(sample: SampleLead): Promise<Decision> {
  return decide(
    db,
    {
      source: sample.source ?? null,
      subSource: sample.subSource ?? null,
      fields: sample.fields ?? {},
      at: sample.at ? new Date(sample.at) : new Date(),
    },
    { move: false },
  );
}
