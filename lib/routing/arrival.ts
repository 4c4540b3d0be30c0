// A lead that arrives by itself gets its owner from the routing rules and its first-response clock:
// due after the source's target, counted inside calling hours, with a reminder at a share of it.
// Inside the caller's transaction (the lead's own), holding the routing lock until it commits.
import "server-only";
import { getComplianceSettings } from "../compliance/settings";
import type { Prisma } from "../generated/prisma/client";
import { dueAfter } from "./clock";
import { type Decision, type RoutedLead, route } from "./engine";
import { speedSettings, targetMinutes } from "./settings";

type Tx = Prisma.TransactionClient;

export interface Arrival {
  decision: Decision;
  /** The lead's columns: owner, the rule, the clock. */
  data: {
    ownerId: string | null;
    routedByRuleId: string | null;
    firstResponseDueAt: Date | null;
    firstResponseRemindAt: Date | null;
  };
}

/** The clock's two moments from `from` for a lead of this source. */
export async function clockFrom(tx: Tx, source: string | null, from: Date) {
  const [speed, compliance] = await Promise.all([speedSettings(tx), getComplianceSettings(tx)]);
  const minutes = targetMinutes(speed, source);
  return {
    minutes,
    dueAt: dueAfter(from, minutes, compliance.callingHours, compliance.holidays),
    remindAt: dueAfter(from, minutes * speed.remindAtShare, compliance.callingHours, compliance.holidays),
  };
}

export async function routeArrival(tx: Tx, lead: RoutedLead): Promise<Arrival> {
  const decision = await route(tx, lead);
  const clock = await clockFrom(tx, lead.source, lead.at);
  return {
    decision,
    data: {
      ownerId: decision.userId,
      routedByRuleId: decision.ruleId,
      firstResponseDueAt: clock.dueAt,
      firstResponseRemindAt: clock.remindAt,
    },
  };
}

/** What the LEAD_CREATED entry says about the assignment. */
export function assignmentNote(decision: Decision) {
  const toName = decision.userName;
  if (decision.ruleId) return { assignedBy: "rule", ruleId: decision.ruleId, ruleName: decision.ruleName, reason: decision.reason, toName };
  return decision.userId ? { assignedBy: "round-robin", toName } : {};
}
