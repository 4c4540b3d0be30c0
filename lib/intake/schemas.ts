import { z } from "zod";
import { INTAKE_FIELDS } from "./fields";

const name = z.string().trim().min(1, "is required").max(80, "must be at most 80 characters");
const fieldRecord = z.partialRecord(z.enum(INTAKE_FIELDS), z.string().trim().max(300, "must be at most 300 characters"));
/** Lead fields, and custom fields as `fields.<key>` (checked against the definitions by the service). */
const mappingRecord = z.record(
  z.union([z.enum(INTAKE_FIELDS), z.string().regex(/^fields\.[a-z][a-z0-9_]{0,39}$/)], { error: "is not a lead field" }),
  z.string().trim().max(300, "must be at most 300 characters"),
);

export const createLeadSourceSchema = z.strictObject({ name });
export type CreateLeadSourceInput = z.infer<typeof createLeadSourceSchema>;

export const updateLeadSourceSchema = z.strictObject({
  name: name.optional(),
  active: z.boolean().optional(),
  /** Lead field → the delivery's key (dots for nested keys). */
  mapping: mappingRecord.optional(),
  /** Values every lead from the source gets. */
  constants: fieldRecord.optional(),
});
export type UpdateLeadSourceInput = z.infer<typeof updateLeadSourceSchema>;

/** A lead sent with an API key (leads:write): the person, where they came from, their consent. */
export const apiLeadSchema = z.strictObject({
  name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  phone: z.string().trim().min(1, "is required").max(40, "must be at most 40 characters"),
  email: z.email("must be an email address").max(254).optional(),
  source: z.string().trim().max(100, "must be at most 100 characters").optional(),
  subSource: z.string().trim().max(200, "must be at most 200 characters").optional(),
  city: z.string().trim().max(100, "must be at most 100 characters").optional(),
  message: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
  consent: z.boolean().optional(),
  consentText: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
  utm: z
    .strictObject({
      source: z.string().max(300).optional(),
      medium: z.string().max(300).optional(),
      campaign: z.string().max(300).optional(),
      term: z.string().max(300).optional(),
      content: z.string().max(300).optional(),
    })
    .optional(),
  referrer: z.string().max(2000).optional(),
  landingPage: z.string().max(2000).optional(),
  /** Custom field values by key (kinds checked; a required one may be missing: the lead is never lost for it). */
  fields: z.record(z.string().max(40), z.unknown(), { error: "must be an object of custom field values" }).optional(),
});
export type ApiLeadInput = z.infer<typeof apiLeadSchema>;

export const deliveriesQuerySchema = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
