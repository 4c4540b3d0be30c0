// Preview dialer and campaign inputs. Pure: the browser's forms use them too.
import { z } from "zod";
import { DialerSource, LeadStatus } from "../generated/prisma/enums";
import { idSchema, oneOf } from "../validation";

/** A saved filter of the agent's own leads. */
export const leadFilterSchema = z.strictObject({
  status: oneOf(LeadStatus).optional(),
  source: z.string().trim().max(100, "must be at most 100 characters").optional(),
  /** Not contacted for this many days (never contacted included). A check without its own message
   * would say the schema's "must be a number" (zod 4), wrong for 99999: each says what is wrong. */
  notContactedDays: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .max(3650, "must be at most 3650 (ten years)")
    .optional(),
});
export type LeadFilter = z.infer<typeof leadFilterSchema>;

export const startSessionSchema = z
  .strictObject({
    source: oneOf(DialerSource),
    filter: leadFilterSchema.optional(),
    campaignId: idSchema.optional(),
  })
  .refine((v) => v.source !== "CAMPAIGN" || v.campaignId, { message: "is required for a campaign", path: ["campaignId"] });

export const snoozeSchema = z.strictObject({
  minutes: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(5, "must be at least 5")
    .max(7 * 24 * 60, "must be at most a week (10080)")
    .default(60),
});

export const dialerSettingsSchema = z.strictObject({
  /** Seconds before the next lead is dialled by itself (0 to 30); null: the agent presses Call. */
  countdownSeconds: z.number({ error: "must be a number of seconds or null" }).int().min(0).max(30, "must be at most 30").nullable(),
});

const dateOrNull = z.coerce.date({ error: "must be a date" }).nullish();

export const createCampaignSchema = z
  .strictObject({
    name: z.string({ error: "is required" }).trim().min(1, "is required").max(200, "must be at most 200 characters"),
    agentIds: z.array(idSchema, { error: "must be a list of user ids" }).min(1, "needs at least one agent").max(500),
    /** The leads: a filter (and the owner, for a manager's team)… */
    leadFilter: leadFilterSchema.extend({ ownerId: idSchema.optional() }).optional(),
    /** …or numbers from a CSV (each matched to the lead that has it). */
    phones: z.array(z.string().trim().min(1).max(40), { error: "must be a list of numbers" }).max(100_000).optional(),
    startsAt: dateOrNull,
    endsAt: dateOrNull,
    maxAttempts: z
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(10, "must be at most 10")
      .default(3),
    retryGapMinutes: z
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(0, "must be 0 or more")
      .max(7 * 24 * 60, "must be at most a week (10080)")
      .default(60),
  })
  .refine((v) => v.leadFilter !== undefined || v.phones !== undefined, { message: "give a lead filter or numbers", path: ["leadFilter"] })
  .refine((v) => !v.startsAt || !v.endsAt || v.startsAt < v.endsAt, { message: "must be after the start", path: ["endsAt"] });

export const updateCampaignSchema = z.strictObject({
  status: z.enum(["ACTIVE", "PAUSED", "ENDED"], { error: "must be ACTIVE, PAUSED or ENDED" }).optional(),
  name: z.string().trim().min(1, "is required").max(200).optional(),
});
