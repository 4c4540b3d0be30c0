// Call outcome inputs, shared by the browser forms and the route handlers.
import { z } from "zod";
import { LEAD_STATUSES } from "../leads/schemas";

const label = z.string({ error: "is required" }).trim().min(1, "is required").max(60, "must be at most 60 characters");

const leadStatus = z.enum(LEAD_STATUSES, { error: `must be one of ${LEAD_STATUSES.join(", ")}` }).nullable();

export const createDispositionSchema = z.strictObject({
  label,
  leadStatus: leadStatus.optional(),
  asksForTime: z.boolean({ error: "must be true or false" }).optional(),
  marksDoNotCall: z.boolean({ error: "must be true or false" }).optional(),
  position: z.number({ error: "must be a number" }).int().min(0).max(10_000).optional(),
});

export const updateDispositionSchema = createDispositionSchema
  .extend({ active: z.boolean({ error: "must be true or false" }) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update", path: ["body"] });

export const recordDispositionSchema = z.strictObject({
  dispositionId: z.string({ error: "is required" }).trim().min(1, "is required").max(100),
  note: z.string().trim().max(5000, "must be at most 5000 characters").optional(),
  /** Required when the outcome asks for a time ("Call back later"). */
  callbackAt: z.coerce.date({ error: "must be a date and time" }).optional(),
  /** The agent confirmed moving the lead to the outcome's status. */
  applyLeadStatus: z.boolean({ error: "must be true or false" }).optional(),
});
