import { authed } from "@/lib/api/handler";
import { sendTestEvent } from "@/lib/outbound/endpoints";

/** Sends a webhook.test event now: what the endpoint answered. */
export const POST = authed<{ id: string }>(async ({ actor, params }) => Response.json(await sendTestEvent({ actor, id: params.id })), {
  scope: "webhooks:manage",
});
