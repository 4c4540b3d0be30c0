// Task inputs, shared by the browser forms and the route handlers.
import { z } from "zod";
import { booleanSchema, hasKeys, idSchema as id, limitSchema, notEmpty, dateTimeSchema as when } from "../validation";

export const listTasksQuerySchema = z.object({
  status: z.enum(["open", "done"], { error: "must be open or done" }).default("open"),
  /** "mine" (default) or "team" (managers, admins). */
  scope: z.enum(["mine", "team"], { error: "must be mine or team" }).default("mine"),
  leadId: id.optional(),
  limit: limitSchema(200, 50),
});

export const createTaskSchema = z.strictObject({
  leadId: id,
  title: z.string({ error: "is required" }).trim().min(1, "is required").max(200, "must be at most 200 characters"),
  dueAt: when,
  assigneeId: id.optional(),
});

export const updateTaskSchema = z
  .strictObject({
    done: booleanSchema.optional(),
    dueAt: when.optional(),
    title: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters").optional(),
  })
  .refine(hasKeys, notEmpty);
