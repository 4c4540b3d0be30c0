// Lead input schemas, shared by the browser forms and the route handlers.
import { z } from "zod";
import { PhoneLabel } from "../generated/prisma/enums";
import { normalizePhone } from "../phone";
import { personNameSchema } from "../validation";

export { LEAD_STATUS_LABELS, LEAD_STATUSES, type LeadStatusValue } from "./status-labels";

import { LEAD_STATUSES } from "./status-labels";

const name = personNameSchema(200);
const phone = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .refine((v) => normalizePhone(v) !== null, "is not a valid phone number");
const email = z
  .union([z.literal(""), z.email("is not a valid email address").max(254)])
  .nullish()
  .transform((v) => (v ? v.toLowerCase() : null));
const source = z
  .string()
  .trim()
  .max(100, "must be at most 100 characters")
  .nullish()
  .transform((v) => v || null);
const id = z.string().trim().min(1).max(100);

export const PHONE_LABELS = Object.values(PhoneLabel);
/** One of a lead's numbers: `{number, label, primary}`. */
export const leadPhoneSchema = z.strictObject({
  number: phone,
  label: z.enum(PhoneLabel, { error: `must be one of ${PHONE_LABELS.join(", ")}` }).optional(),
  primary: z.boolean({ error: "must be true or false" }).optional(),
});
const phones = z.array(leadPhoneSchema, { error: "must be a list of {number, label, primary}" }).min(1, "needs a number").max(10);

/** Custom field values: their kinds are checked against the definitions in the service (lib/custom-fields). */
export const customFieldValues = z.record(z.string().max(40), z.unknown(), { error: "must be an object of custom field values" });

export const createLeadSchema = z
  .strictObject({
    name,
    /** The primary number (as before); or give `phones`. */
    phone: phone.optional(),
    phones: phones.optional(),
    email: email.optional(),
    source: source.optional(),
    ownerId: id.nullish(),
    /** Custom field values by key (checked against the admin's definitions). */
    fields: customFieldValues.optional(),
  })
  .refine((v) => v.phone !== undefined || v.phones !== undefined, { message: "is required", path: ["phone"] });
export type CreateLeadInput = z.input<typeof createLeadSchema>;

export const updateLeadSchema = z
  .strictObject({
    name: name.optional(),
    phone: phone.optional(),
    /** Replaces the lead's numbers (the primary one flagged, else the first). */
    phones: phones.optional(),
    email: email.optional(),
    source: source.optional(),
    status: z.enum(LEAD_STATUSES, { error: `must be one of ${LEAD_STATUSES.join(", ")}` }).optional(),
    ownerId: id.nullable().optional(),
    /** Only the keys sent change; null clears a value. */
    fields: customFieldValues.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update", path: ["body"] });
export type UpdateLeadInput = z.input<typeof updateLeadSchema>;

export const LEAD_SORTS = ["updatedAt", "createdAt", "name"] as const;

export const listLeadsQuerySchema = z.object({
  // NUL cannot reach PostgreSQL (text refuses it) and means nothing in a search: dropped.
  q: z
    .string()
    .trim()
    .max(100, "must be at most 100 characters")
    .transform((v) => v.replaceAll("\u0000", "").trim())
    .optional(),
  status: z.enum(LEAD_STATUSES, { error: `must be one of ${LEAD_STATUSES.join(", ")}` }).optional(),
  ownerId: id.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce
    .number({ error: "must be a number" })
    .int("must be an integer")
    .min(1, "must be at least 1")
    .max(100, "must be at most 100")
    .default(25),
  /** One of LEAD_SORTS, or a custom field as f.<key>. */
  sort: z
    .union([z.enum(LEAD_SORTS), z.string().regex(/^f\.[a-z][a-z0-9_]{0,39}$/)], {
      error: `must be one of ${LEAD_SORTS.join(", ")}, or f.<custom field key>`,
    })
    .default("updatedAt"),
  order: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("desc"),
});
export type ListLeadsQuery = z.infer<typeof listLeadsQuerySchema>;

/** New leads nobody has called yet (GET /api/v1/leads/waiting): by time left (due), or by how long they have waited (oldest). */
export const waitingLeadsQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "must be a number" })
    .int("must be an integer")
    .min(1, "must be at least 1")
    .max(200, "must be at most 200")
    .default(50),
  order: z.enum(["due", "oldest"], { error: "must be due or oldest" }).default("due"),
});
export type WaitingLeadsQuery = z.infer<typeof waitingLeadsQuerySchema>;

export const noteSchema = z.strictObject({
  body: z.string({ error: "is required" }).trim().min(1, "is required").max(5000, "must be at most 5000 characters"),
});

export const paginationSchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(100, "must be at most 100").default(50),
});

export const assignLeadsSchema = z.strictObject({
  leadIds: z
    .array(z.string().trim().min(1).max(100), { error: "must be a list of lead ids" })
    .min(1, "pick at least one lead")
    .max(1000, "at most 1,000 leads at a time"),
  /** null: unassign. */
  ownerId: z.string({ error: "is required (null to unassign)" }).trim().min(1).max(100).nullable(),
});

export const roundRobinSchema = z.strictObject({ enabled: z.boolean({ error: "must be true or false" }) });

export const MAX_IMPORT_ROWS = 20_000;

export const IMPORT_CHUNK = 500;

const row = z.object({
  line: z.number().int().min(1),
  name: z.string().max(1000),
  phone: z.string().max(100),
  email: z.string().max(1000).optional(),
  source: z.string().max(1000).optional(),
  purpose: z.string().max(100).optional(),
  consentMethod: z.string().max(100).optional(),
  consentAt: z.string().max(100).optional(),
  consentText: z.string().max(2000).optional(),
  fields: z.record(z.string().max(40), z.string().max(5000)).optional(),
});

export const importLeadsSchema = z.strictObject({
  rows: z
    .array(row, { error: "must be a list of rows" })
    .min(1, "has no rows")
    .max(MAX_IMPORT_ROWS, `at most ${MAX_IMPORT_ROWS.toLocaleString()} rows at a time`),
  /** true: validate and report only. */
  dryRun: z.boolean({ error: "must be true or false" }).default(true),
  /** Owner of the created leads; null or absent: unassigned (or round-robin when it is on). */
  ownerId: z.string().trim().min(1).max(100).nullish(),
  source: z.string().trim().max(100).optional(),
});

export type RowStatus = "ok" | "invalid" | "duplicate";

export interface RowReport {
  line: number;
  status: RowStatus;
  errors?: Record<string, string>;
  /** For duplicates: the existing lead, when the actor may see it; or the earlier line in the file. */
  existingLeadId?: string;
  duplicateOfLine?: number;
}

/** Files larger than this are refused in the browser before they are read. */
export const MAX_IMPORT_FILE_BYTES = 8 * 1024 * 1024;
