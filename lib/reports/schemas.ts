// The lead-source report's inputs, shared by the page and the route handlers. Pure: the browser uses it too.
import { z } from "zod";
import { istDay, istMidnight } from "../time/india";
import { daySchema } from "../validation";

/** A YYYY-MM-DD that is a real calendar day (2026-02-30 is not; JavaScript would read it as 2 March). */
const realDay = daySchema.refine((d) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return true; // already said: not YYYY-MM-DD
  const at = istMidnight(d);
  return !Number.isNaN(at.getTime()) && istDay(at) === d;
}, "is not a real date");

/** How a lead with no source (added by hand, imported without one) is named on the page and in the CSV. */
export const HAND_ADDED = "Added by hand";

export const leadSourceReportQuerySchema = z.object({
  from: realDay.optional(),
  to: realDay.optional(),
  format: z.enum(["json", "csv"], { error: "must be json or csv" }).optional(),
});
export type LeadSourceReportQuery = z.infer<typeof leadSourceReportQuerySchema>;

export const monthSchema = z.string({ error: "is required" }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month (YYYY-MM)");

/** Up to ₹100 crore in a month, in whole paise. */
export const MAX_MONTHLY_SPEND_RUPEES = 1_000_000_000;

export const sourceSpendSchema = z.object({
  source: z
    .string({ error: "is required" })
    .trim()
    .min(1, "is required")
    .max(100, "must be at most 100 characters")
    .refine((s) => s.toLowerCase() !== HAND_ADDED.toLowerCase(), "is not a paid source (leads added by hand cost nothing)"),
  month: monthSchema,
  amountRupees: z
    .number({ error: "must be a number of rupees" })
    .min(0, "must be 0 or more")
    .max(MAX_MONTHLY_SPEND_RUPEES, "must be at most ₹100 crore")
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "must be in rupees and paise (at most 2 decimals)"),
});
export type SourceSpendInput = z.infer<typeof sourceSpendSchema>;
