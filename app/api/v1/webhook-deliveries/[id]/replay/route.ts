import { authed } from "@/lib/api/handler";
import { replayWebhookDelivery } from "@/lib/outbound/endpoints";

/** Sends the delivery again now (same webhook-id): what the endpoint answered. */
export const POST = authed<{ id: string }>(
  async ({ actor, params }) => Response.json(await replayWebhookDelivery({ actor, id: params.id })),
  {
    scope: "webhooks:manage",
  },
);
