// Compliance settings, DNC and data-request inputs, shared by routes and forms.
import { z } from "zod";
import { WEEKDAYS } from "./hours";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time HH:MM");
const dayWindow = z
  .object({ from: hhmm, to: hhmm })
  .refine((w) => w.from < w.to, { message: "must end after it starts", path: ["to"] })
  .nullable();
const indiaDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "is not a real date",
  );

export const complianceSettingsSchema = z.strictObject({
  /** Per weekday (mon … sun), India time; null: no outbound calls that day. */
  callingHours: z.strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, dayWindow])) as Record<(typeof WEEKDAYS)[number], typeof dayWindow>,
  ),
  holidays: z.array(indiaDate).max(400),
  consentRequiredForPromotional: z.boolean(),
  /** The disclosure the account plays before a recorded call (shown in the setup guide). */
  recordingNotice: z.string().trim().max(1000),
  /** Days a recording is kept; null: kept as long as Smartflo keeps it. */
  recordingRetentionDays: z.number().int().min(1).max(3650).nullable(),
});
export type ComplianceSettings = z.infer<typeof complianceSettingsSchema>;

/** PUT takes any part; callingHours merges per weekday. */
export const complianceSettingsPatchSchema = complianceSettingsSchema
  .extend({ callingHours: complianceSettingsSchema.shape.callingHours.partial() })
  .partial();

export const dncAddSchema = z.strictObject({
  phone: z.string().trim().min(1, "is required").max(40),
  reason: z.string().trim().min(1, "is required").max(300),
});
export const dncImportSchema = z.strictObject({
  csv: z.string().min(1, "is required").max(2_000_000, "is too large (2 MB at most)"),
  reason: z.string().trim().min(1).max(300).default("DND list import"),
});
export const dncListQuerySchema = z.object({
  q: z.string().trim().max(40).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const subject = { phone: z.string().trim().min(1).max(40).optional(), leadId: z.string().trim().min(1).max(100).optional() };
const oneSubject = <T extends { phone?: string; leadId?: string }>(v: T) => !!v.phone !== !!v.leadId;
export const privacyExportSchema = z
  .strictObject({ ...subject, format: z.enum(["json", "csv"]).default("json") })
  .refine(oneSubject, { message: "give a phone or a leadId (one of them)", path: ["phone"] });
export const privacyEraseSchema = z
  .strictObject({ ...subject, confirm: z.string().max(100) })
  .refine(oneSubject, { message: "give a phone or a leadId (one of them)", path: ["phone"] });

export const overrideSchema = z.strictObject({
  leadId: z.string().trim().min(1).max(100),
  reason: z.string().trim().min(3, "must say why (3 characters at least)").max(300),
});

export const consentSchema = z.strictObject({
  purpose: z.enum(["PROMOTIONAL", "SERVICE"]).optional(),
  consentMethod: z.enum(["WEB_FORM", "CALL", "IMPORT", "DOCUMENT"]).nullable().optional(),
  consentAt: z.coerce.date({ error: "must be a date" }).nullable().optional(),
  consentText: z.string().trim().max(2000).nullable().optional(),
  withdrawn: z.boolean().optional(),
});

/** POST /api/v1/dnc/push: {dryRun} says what would be pushed without pushing. */
export const dncPushSchema = z.strictObject({ dryRun: z.boolean({ error: "must be true or false" }) });
