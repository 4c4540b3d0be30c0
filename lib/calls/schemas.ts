import { z } from "zod";

export const startCallSchema = z.strictObject({
  leadId: z.string({ error: "is required" }).trim().min(1, "is required").max(100),
});

/** The seed's hangup contract: {call_id} is Smartflo's call id, or ours. */
export const hangupSchema = z.object({
  call_id: z
    .string({ error: "is required" })
    .trim()
    .min(1, "is required")
    .max(100, "is too long")
    .regex(/^[\w.:-]+$/, "is malformed"),
});
