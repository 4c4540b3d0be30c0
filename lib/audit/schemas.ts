// Audit log query, shared by the admin page and the route handler.
import { z } from "zod";
import { AUDIT_ACTIONS } from "./actions";

const id = z.string().trim().min(1).max(200);

export const listAuditQuerySchema = z.object({
  actorId: id.optional(),
  action: z.enum(AUDIT_ACTIONS, { error: "is not an audit action" }).optional(),
  targetId: id.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(200, "must be at most 200").default(50),
});

export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;
