import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { listWebhookDeliveries } from "@/lib/outbound/endpoints";
import { webhookDeliveriesQuerySchema } from "@/lib/outbound/schemas";

export const GET = authed<{ id: string }>(
  async ({ request, actor, params }) => {
    const query = parseInput(webhookDeliveriesQuerySchema, searchParams(request));
    return Response.json(await listWebhookDeliveries({ actor, endpointId: params.id, ...query }));
  },
  { scope: "webhooks:manage" },
);
