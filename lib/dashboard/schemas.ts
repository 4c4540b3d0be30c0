// Dashboard query, shared by the page and the route handler.
import { z } from "zod";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)");

export const dashboardQuerySchema = z.object({
  from: day.optional(),
  to: day.optional(),
  agentId: z.string().trim().min(1).max(100).optional(),
});
