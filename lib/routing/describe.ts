// A routing rule in a sales floor's words, for the settings page and its tests: when it applies
// ("source is IndiaMART and city is Pune, 09:00–18:00 Mon–Fri"), whom it gives leads to ("Priya's
// team, fewest open new leads"), what happens when nobody calls in time, and what "test a rule"
// found. Pure: no database, no React.
import type { RuleConditions } from "./schemas";

export type TargetCode = "USER" | "ROUND_ROBIN" | "LEAST_LOADED" | "MANAGER_QUEUE";
export type BreachCode = "REASSIGN" | "ALERT_MANAGER";

/** The choices of the rule form, as the floor says them. */
export const TARGET_LABELS: Record<TargetCode, string> = {
  ROUND_ROBIN: "A team, in turn",
  LEAST_LOADED: "A team, fewest open new leads",
  USER: "One person",
  MANAGER_QUEUE: "A manager's queue",
};
export const BREACH_LABELS: Record<BreachCode, string> = {
  REASSIGN: "Move the lead to the next agent",
  ALERT_MANAGER: "Tell the manager; the lead stays",
};

export const WEEKDAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** [1,2,3,4,5] → "Mon–Fri"; [1,3,5] → "Mon, Wed, Fri"; [1,2,3,5,6] → "Mon–Wed, Fri, Sat". */
export function daysText(days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const run = sorted.slice(i, j + 1).map((d) => WEEKDAY_SHORT[d - 1]!);
    parts.push(...(run.length >= 3 ? [`${run[0]}–${run.at(-1)}`] : run));
    i = j + 1;
  }
  return parts.join(", ");
}

/** "A", "A or B", "A, B or C". */
export function either(values: readonly string[]): string {
  if (values.length <= 1) return values[0] ?? "";
  return `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
}

/** A label inside a sentence: "City" → "city"; "GST number" stays. */
const inSentence = (label: string) => (/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);

/** When the rule applies. `labels`: custom field labels by key (the key itself when unknown). */
export function whenText(conditions: RuleConditions, { isFallback = false, labels = {} as Record<string, string> } = {}): string {
  if (isFallback) return "any lead no rule above takes";
  const parts: string[] = [];
  if (conditions.sources?.length) parts.push(`source is ${either(conditions.sources)}`);
  if (conditions.subSourceContains) parts.push(`sub-source contains “${conditions.subSourceContains}”`);
  for (const [key, values] of Object.entries(conditions.fields ?? {})) parts.push(`${inSentence(labels[key] ?? key)} is ${either(values)}`);
  const what = parts.join(" and ");
  if (!conditions.hours) return what || "any lead";
  const { from, to, days } = conditions.hours;
  const time = `${from}–${to}${from > to ? " (overnight)" : ""}${days?.length && days.length < 7 ? ` ${daysText(days)}` : ""}`;
  return what ? `${what}, ${time}` : `any lead ${time}`;
}

export interface TargetInput {
  target: TargetCode;
  targetUserId: string | null;
  targetUser: { name: string } | null;
}

/** Whom it gives leads to. */
export function giveToText({ target, targetUserId, targetUser }: TargetInput): string {
  const name = targetUser?.name;
  if (target === "USER") return name ?? "someone no longer here (choose another person)";
  if (target === "MANAGER_QUEUE") return name ? `${name}'s queue, to hand on` : "a manager no longer here (choose another)";
  const who = name ? `${name}'s team` : targetUserId ? "a team no longer here" : "every agent";
  return `${who}, ${target === "ROUND_ROBIN" ? "in turn" : "fewest open new leads"}`;
}

/** What happens when nobody calls within the first-call target. */
export function breachText(onBreach: BreachCode, target: TargetCode): string {
  if (onBreach === "ALERT_MANAGER") return "tell the manager; the lead stays with its agent";
  if (target === "USER" || target === "MANAGER_QUEUE") return "tell the manager (nobody else in this rule to move it to)";
  return "move to the next agent (at most 3 times, then tell the manager)";
}

export interface DecisionInput {
  userId: string | null;
  userName?: string | null;
  ruleId: string | null;
  ruleName?: string | null;
  reason: string;
}

/** "Would go to Asha (rule “IndiaMART”: conditions met; fewest open new leads; Ravi on a break)". */
export function decisionText(d: DecisionInput): string {
  if (!d.userId) return `Nobody would get it: ${d.reason}`;
  const who = d.userName ?? "someone";
  return d.ruleId ? `Would go to ${who} (rule “${d.ruleName ?? "?"}”: ${d.reason})` : `Would go to ${who} (${d.reason})`;
}
