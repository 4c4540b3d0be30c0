// Routing rules and speed-to-lead settings: one zod schema each, for the API, the settings page and
// the engine (lib/routing/engine.ts).
import { z } from "zod";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time such as 09:30");
const shortText = z.string().trim().min(1).max(120);

/** What a lead must be for a rule to take it; every condition given must hold (none: any lead). */
export const conditionsSchema = z.strictObject({
  /** The lead's source is one of these ("Meta Lead Ads", "IndiaMART", "Website", "Inbound call" …). */
  sources: z.array(shortText).max(50).optional(),
  /** The sub-source (form, campaign, product) contains this text (any case). */
  subSourceContains: z.string().trim().min(1).max(120).optional(),
  /** A custom field holds one of these values: {city: ["Pune", "Mumbai"]}. */
  fields: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "must be a custom field key"), z.array(shortText).min(1).max(50)).optional(),
  /** The lead arrives within this time of day (India time): from inclusive, to exclusive (to < from: across midnight). */
  hours: z.strictObject({ from: hhmm, to: hhmm, days: z.array(z.number().int().min(1).max(7)).max(7).optional() }).optional(),
});
export type RuleConditions = z.infer<typeof conditionsSchema>;

export const ROUTING_TARGETS = ["USER", "ROUND_ROBIN", "LEAST_LOADED", "MANAGER_QUEUE"] as const;
export const BREACH_ACTIONS = ["REASSIGN", "ALERT_MANAGER"] as const;

const ruleFields = {
  name: z.string().trim().min(1, "is required").max(80),
  enabled: z.boolean(),
  conditions: conditionsSchema,
  target: z.enum(ROUTING_TARGETS),
  /** USER: the user; MANAGER_QUEUE: the manager; ROUND_ROBIN / LEAST_LOADED: the manager whose team (null: every agent). */
  targetUserId: z.string().min(1).max(64).nullable(),
  onBreach: z.enum(BREACH_ACTIONS),
};

export const createRuleSchema = z.strictObject({
  ...ruleFields,
  enabled: ruleFields.enabled.default(true),
  conditions: ruleFields.conditions.default({}),
  targetUserId: ruleFields.targetUserId.default(null),
  onBreach: ruleFields.onBreach.default("REASSIGN"),
  /** Where in the order (0: first); default: just before the fallback. */
  position: z.number().int().min(0).max(1000).optional(),
});
export const updateRuleSchema = z.strictObject({
  ...Object.fromEntries(Object.entries(ruleFields).map(([k, v]) => [k, v.optional()])),
  position: z.number().int().min(0).max(1000).optional(),
}) as unknown as z.ZodType<Partial<z.infer<typeof createRuleSchema>>>;
export type CreateRuleInput = z.infer<typeof createRuleSchema>;
export type UpdateRuleInput = Partial<CreateRuleInput>;

/** A sample lead for "test a rule": what routing reads of a lead. */
export const sampleLeadSchema = z.strictObject({
  source: z.string().trim().max(120).nullable().optional(),
  subSource: z.string().trim().max(300).nullable().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
  phone: z.string().trim().max(40).optional(),
  /** When it arrives (default now). */
  at: z.iso.datetime({ offset: true }).optional(),
});
export const testRuleSchema = z.strictObject({ lead: sampleLeadSchema });
export type SampleLead = z.infer<typeof sampleLeadSchema>;

const minutesSchema = (what: string) =>
  z
    .number({ error: "must be a number of minutes" })
    .int("must be whole minutes")
    .min(1, `must be at least 1 minute${what}`)
    .max(24 * 60, "must be at most 1,440 minutes (a day)");

export const speedSettingsSchema = z.strictObject({
  /** Minutes to the first call when the source has no target of its own. */
  defaultTargetMinutes: minutesSchema(""),
  /** Per source (its name): minutes to the first call. */
  targets: z.record(shortText, minutesSchema("")),
  /** At this share of the target the owner is reminded (0.6: at 3 of 5 minutes). */
  remindAtShare: z
    .number({ error: "must be a share of the target" })
    .min(0.1, "must be at least 10% of the target")
    .max(0.95, "must be at most 95% of the target"),
  /** Agents with this many open new leads get no more (null: no cap). */
  capacity: z
    .number({ error: "must be a number of leads" })
    .int("must be a whole number")
    .min(1, "must be at least 1 (empty: no cap)")
    .max(10_000, "must be at most 10,000")
    .nullable(),
  /** Agents not seen with the app open for this long are skipped (null: never skipped for that). */
  awayAfterMinutes: minutesSchema(" (empty: never)").nullable(),
  /** The dialer offers new leads (oldest due first) before a campaign's next lead. */
  dialerNewLeadsFirst: z.boolean(),
});
export type SpeedSettings = z.infer<typeof speedSettingsSchema>;
export const speedSettingsPatchSchema = speedSettingsSchema.partial();
