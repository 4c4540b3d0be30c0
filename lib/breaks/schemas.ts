// Break reasons and an agent's break, shared by the routes and the forms.
import { z } from "zod";

export const breakReasonSchema = z.object({
  name: z.string().trim().min(1, "is required").max(60),
  smartfloCode: z.string().trim().max(40).nullable().optional(),
  active: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(1000).optional(),
});
export const breakReasonPatchSchema = breakReasonSchema.partial();

export const startBreakSchema = z.object({ reasonId: z.string().trim().min(1, "is required").max(100) });
