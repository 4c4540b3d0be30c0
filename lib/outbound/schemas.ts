import { z } from "zod";
import { WEBHOOK_EVENTS } from "./events";

const events = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1, "choose at least one event")
  .max(WEBHOOK_EVENTS.length)
  .transform((list) => [...new Set(list)]);

const url = z
  .string()
  .trim()
  .max(2000, "must be at most 2,000 characters")
  .pipe(z.url({ message: "must be a URL such as https://example.com/hooks/crm" }));

export const createWebhookEndpointSchema = z.strictObject({
  url,
  events,
  description: z.string().trim().max(200, "must be at most 200 characters").nullish(),
});
export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointSchema>;

export const updateWebhookEndpointSchema = z.strictObject({
  url: url.optional(),
  events: events.optional(),
  description: z.string().trim().max(200, "must be at most 200 characters").nullish(),
  /** false: turned off by an admin; true: on again (its failure count starts afresh). */
  enabled: z.boolean().optional(),
});
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointSchema>;

export const webhookDeliveriesQuerySchema = z.strictObject({
  status: z.enum(["PENDING", "DELIVERED", "FAILED"]).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
