import { z } from "zod";
import { normalizePhone } from "../phone";
import { personNameSchema } from "../validation";

export const ownNumberSchema = z.strictObject({
  number: z.string({ error: "is required" }).trim().min(1, "is required").max(40, "must be at most 40 characters"),
  label: z.string().trim().max(100, "must be at most 100 characters").nullish(),
});

/** The longest lead source name a number can stand for. */
export const NUMBER_SOURCE_MAX = 80;

/** One of our numbers (a DID customers dial, as they would write it: 080-6900-1234) and the lead source it stands for. */
export const numberSourceSchema = z.strictObject({
  number: z
    .string({ error: "is required" })
    .trim()
    .min(1, "is required")
    .max(40, "must be at most 40 characters")
    .refine((v) => normalizePhone(v) !== null, "is not a valid phone number"),
  source: personNameSchema(NUMBER_SOURCE_MAX),
});
export type NumberSourceInput = z.infer<typeof numberSourceSchema>;
