import { z } from "zod";
import { CallDirection, CallStatus } from "../generated/prisma/enums";
import { cursorSchema, idSchema, limitSchema } from "../validation";

export const startCallSchema = z.strictObject({
  leadId: idSchema,
  /** The number clicked (one of the lead's); the primary when absent. */
  phone: z.string().trim().min(1, "is required").max(40, "is too long").optional(),
  /** The preview dialer's offer this call is placed from. */
  offerId: idSchema.optional(),
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

export const listCallsQuerySchema = z.object({
  since: z.iso.datetime({ offset: true, error: "must be an ISO date-time" }).optional(),
  status: z.enum(CallStatus, { error: "is not a call status" }).optional(),
  direction: z.enum(CallDirection, { error: "must be INBOUND or OUTBOUND" }).optional(),
  agentId: idSchema.optional(),
  cursor: cursorSchema,
  limit: limitSchema(100, 25),
});

export type ListCallsQuery = z.infer<typeof listCallsQuerySchema>;

export const CALL_ACTIONS = ["monitor", "whisper", "barge", "transfer"] as const;

export const callOptionSchema = z
  .strictObject({
    action: z.enum(CALL_ACTIONS, { error: `must be one of ${CALL_ACTIONS.join(", ")}` }),
    /** The colleague a transfer goes to. */
    toUserId: idSchema.optional(),
  })
  .refine((v) => v.action !== "transfer" || v.toUserId, { message: "is required for a transfer", path: ["toUserId"] });

/** GET /api/v1/calls/needs-outcome: the signed-in user's calls still waiting for an outcome, of one lead if named. */
export const needsOutcomeQuerySchema = z.strictObject({ leadId: idSchema.optional() });
