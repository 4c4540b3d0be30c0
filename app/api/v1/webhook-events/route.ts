import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { listWebhookEvents } from "@/lib/webhooks/deliveries";
import { listWebhookEventsQuerySchema } from "@/lib/webhooks/schemas";

export const GET = authed(async ({ request, actor }) =>
  Response.json(await listWebhookEvents({ actor, ...parseInput(listWebhookEventsQuerySchema, searchParams(request)) })),
);
