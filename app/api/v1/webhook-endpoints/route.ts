import { authed, readJson } from "@/lib/api/handler";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/outbound/endpoints";
import { createWebhookEndpointSchema } from "@/lib/outbound/schemas";

const scope = "webhooks:manage" as const;

export const GET = authed(async ({ actor }) => Response.json(await listWebhookEndpoints({ actor })), { scope });

/** 201 {id, secret, …}: the signing secret is in this answer only. */
export const POST = authed(
  async ({ request, actor }) => {
    const input = await readJson(request, createWebhookEndpointSchema);
    return Response.json(await createWebhookEndpoint({ actor, input }), { status: 201 });
  },
  { scope },
);
