// The first-response clock's steps, run by the job queue every few seconds on any number of app
// servers: at the reminder's moment the owner is reminded; at the due time, if nobody has called,
// the rule's escalation runs — the lead moves to the next agent by the same rule (at most
// MAX_REASSIGNMENTS times), or the owner's manager is alerted with a task. Each step is claimed by
// one UPDATE (FOR UPDATE SKIP LOCKED) before anything is written, so it happens exactly once
// however many workers sweep at once and across restarts. Every step is on the lead's timeline and
// in the audit log.
import "server-only";
import { audit } from "../audit/log";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { logger } from "../log";
import { clockFrom } from "../routing/arrival";
import { route } from "../routing/engine";

/** After this many moves the clock alerts the manager instead of moving the lead again. */
export const MAX_REASSIGNMENTS = 3;
const BATCH = 100;

/** Leads still waiting for their first call (not won, lost or erased). */
const WAITING = `"firstCallAt" IS NULL AND "erasedAt" IS NULL AND status NOT IN ('WON', 'LOST')`;

type Claimed = { id: string; ownerId: string | null; firstResponseDueAt: Date | null };

export async function sweepFirstResponses({ now = new Date() }: { now?: Date } = {}) {
  const reminded = await remind(now);
  const escalated = await escalate(now);
  return { reminded, escalated };
}

/** Reminders due and not sent for this clock (a reassignment sets a new one). */
async function remind(now: Date): Promise<number> {
  const claimed = await db.$queryRawUnsafe<Claimed[]>(
    `UPDATE lead SET "firstResponseRemindedAt" = $1
     WHERE id IN (
       SELECT id FROM lead
       WHERE ${WAITING} AND "firstResponseRemindAt" <= $1 AND "firstResponseDueAt" > $1
         AND ("firstResponseRemindedAt" IS NULL OR "firstResponseRemindedAt" < "firstResponseRemindAt")
       ORDER BY "firstResponseRemindAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
     RETURNING id, "ownerId", "firstResponseDueAt"`,
    now,
  );
  if (claimed.length === 0) return 0;
  const owners = await names(claimed.map((c) => c.ownerId));
  await db.activity.createMany({
    data: claimed.map((c) => ({
      leadId: c.id,
      type: "FIRST_RESPONSE" as const,
      actorId: null,
      payload: { step: "reminder", dueAt: c.firstResponseDueAt?.toISOString() ?? null, ownerName: owners.get(c.ownerId ?? "") ?? null },
    })),
  });
  return claimed.length;
}

/** Clocks run out with no call: each claimed once, then escalated in its own transaction. */
async function escalate(now: Date): Promise<number> {
  const claimed = await db.$queryRawUnsafe<Claimed[]>(
    `UPDATE lead SET "firstResponseBreachedAt" = $1
     WHERE id IN (
       SELECT id FROM lead
       WHERE ${WAITING} AND "firstResponseDueAt" <= $1
         AND ("firstResponseBreachedAt" IS NULL OR "firstResponseBreachedAt" < "firstResponseDueAt")
       ORDER BY "firstResponseDueAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
     RETURNING id, "ownerId", "firstResponseDueAt"`,
    now,
  );
  for (const c of claimed) {
    try {
      await db.$transaction((tx) => escalateOne(tx, c.id, now));
    } catch (error) {
      // The breach is marked (claimed); the lead stays with its owner and on the managers' waiting list.
      logger.error({ err: error, leadId: c.id }, "first-response escalation failed");
    }
  }
  return claimed.length;
}

async function escalateOne(tx: Prisma.TransactionClient, leadId: string, now: Date) {
  const lead = await tx.lead.findUniqueOrThrow({
    where: { id: leadId },
    include: { owner: { select: { id: true, name: true, managerId: true } }, routedByRule: true },
  });
  const dueAt = lead.firstResponseDueAt?.toISOString() ?? null;
  const moveOn = lead.routedByRule?.onBreach !== "ALERT_MANAGER" && lead.routedByRuleId !== null && lead.reassignments < MAX_REASSIGNMENTS;
  if (moveOn) {
    const decision = await route(
      tx,
      { source: lead.source, subSource: lead.subSource, fields: (lead.fields ?? {}) as Record<string, unknown>, at: now },
      { only: lead.routedByRuleId!, exclude: lead.ownerId ? [lead.ownerId] : [] },
    );
    if (decision.userId) {
      const clock = await clockFrom(tx, lead.source, now);
      await tx.lead.update({
        where: { id: leadId },
        data: {
          ownerId: decision.userId,
          reassignments: { increment: 1 },
          firstResponseDueAt: clock.dueAt,
          firstResponseRemindAt: clock.remindAt,
        },
      });
      const payload = { step: "breach", action: "REASSIGN", dueAt, fromName: lead.owner?.name ?? null, toName: decision.userName };
      await tx.activity.create({ data: { leadId, type: "FIRST_RESPONSE", actorId: null, payload } });
      await tx.activity.create({
        data: {
          leadId,
          type: "ASSIGNMENT",
          actorId: null,
          payload: {
            from: lead.ownerId,
            to: decision.userId,
            toName: decision.userName,
            by: "first-response clock",
            ruleName: decision.ruleName,
            reason: `nobody called within the target; ${decision.reason}`,
          },
        },
      });
      await audit(
        {
          actor: null,
          action: "lead.first_response_breached",
          target: { type: "lead", id: leadId },
          before: { ownerId: lead.ownerId, dueAt },
          after: { ownerId: decision.userId, action: "REASSIGN", ruleId: decision.ruleId },
        },
        tx,
      );
      return;
    }
  }
  // Alert the manager: a task for them now, on their list and their live stream.
  const managerId =
    lead.owner?.managerId ??
    (await tx.user.findFirst({ where: { role: "ADMIN", active: true }, orderBy: { createdAt: "asc" } }))?.id ??
    null;
  const manager = managerId ? await tx.user.findUnique({ where: { id: managerId }, select: { id: true, name: true } }) : null;
  if (manager)
    await tx.task.create({
      data: {
        leadId,
        title: `First call overdue: ${lead.name}${lead.owner ? ` (${lead.owner.name})` : " (nobody's)"}`,
        dueAt: now,
        assigneeId: manager.id,
        kind: "CALL_BACK",
      },
    });
  await tx.activity.create({
    data: {
      leadId,
      type: "FIRST_RESPONSE",
      actorId: null,
      payload: { step: "breach", action: "ALERT_MANAGER", dueAt, ownerName: lead.owner?.name ?? null, managerName: manager?.name ?? null },
    },
  });
  await audit(
    {
      actor: null,
      action: "lead.first_response_breached",
      target: { type: "lead", id: leadId },
      before: { ownerId: lead.ownerId, dueAt },
      after: { action: "ALERT_MANAGER", managerId: manager?.id ?? null },
    },
    tx,
  );
}

async function names(ids: (string | null)[]) {
  const users = await db.user.findMany({ where: { id: { in: ids.filter((i): i is string => !!i) } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}
