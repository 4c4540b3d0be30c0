import { authed } from "@/lib/api/handler";
import { rotateWebhookSecret } from "@/lib/outbound/endpoints";

/** A new signing secret (in this answer only); the old one keeps signing for 24 hours. */
export const POST = authed<{ id: string }>(
  async ({ actor, params }) => Response.json(await rotateWebhookSecret({ actor, id: params.id })),
  {
    scope: "webhooks:manage",
  },
);
