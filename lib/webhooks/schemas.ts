// Delivery log and unmatched-inbox inputs, shared by the admin page and the route handlers.
import { z } from "zod";
import { WebhookEventStatus } from "../generated/prisma/enums";
import { cursorSchema, idSchema, limitSchema, personNameSchema } from "../validation";

export const listWebhookEventsQuerySchema = z.object({
  status: z.enum(WebhookEventStatus, { error: "is not a delivery status" }).optional(),
  cursor: cursorSchema,
  limit: limitSchema(100, 50),
});
export type ListWebhookEventsQuery = z.infer<typeof listWebhookEventsQuerySchema>;

/** Link an unmatched delivery to a lead, or make a new lead from its number. */
export const linkWebhookEventSchema = z.union([
  z.strictObject({ leadId: idSchema }),
  z.strictObject({ createLead: z.strictObject({ name: personNameSchema(200).optional() }) }),
]);
export type LinkWebhookEventInput = z.infer<typeof linkWebhookEventSchema>;
