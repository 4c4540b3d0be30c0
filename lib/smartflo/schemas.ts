// "Sync calls" input, shared by the admin page and the route handler.
import { z } from "zod";

export const reconcileRangeSchema = z.strictObject({
  from: z.string({ error: "is required" }).min(1, "is required"),
  to: z.string().optional(),
});
export type ReconcileRangeInput = z.infer<typeof reconcileRangeSchema>;
