import { z } from "zod";
import { CUSTOM_FIELD_TYPES, KEY_PATTERN } from "./types";

const options = z
  .array(z.string().trim().min(1, "is empty").max(100, "must be at most 100 characters"), { error: "must be a list of choices" })
  .max(100, "at most 100 choices")
  .refine((o) => new Set(o).size === o.length, "lists a choice twice");

export const listCustomFieldsQuerySchema = z.strictObject({
  /** true (admins): how many leads hold a value for each field. */
  usage: z.stringbool({ error: "must be true or false" }).optional(),
});

export const createCustomFieldSchema = z
  .strictObject({
    key: z.string().trim().regex(KEY_PATTERN, "must start with a letter: lower-case letters, digits and _ (at most 40), e.g. city"),
    label: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
    type: z.enum(CUSTOM_FIELD_TYPES, { error: `must be one of ${CUSTOM_FIELD_TYPES.join(", ")}` }),
    options: options.optional(),
    required: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    const choices = v.type === "SELECT" || v.type === "MULTI_SELECT";
    if (choices && !v.options?.length) ctx.addIssue({ code: "custom", path: ["options"], message: "give at least one choice" });
    if (!choices && v.options?.length) ctx.addIssue({ code: "custom", path: ["options"], message: "only a choice field has choices" });
  });
export type CreateCustomFieldInput = z.infer<typeof createCustomFieldSchema>;

export const updateCustomFieldSchema = z
  .strictObject({
    label: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters").optional(),
    options: options.optional(),
    required: z.boolean().optional(),
    position: z.number().int().min(0).max(1000).optional(),
    /** true: archived (kept, takes no new values); false: in use again. */
    archived: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update", path: ["body"] });
export type UpdateCustomFieldInput = z.infer<typeof updateCustomFieldSchema>;
