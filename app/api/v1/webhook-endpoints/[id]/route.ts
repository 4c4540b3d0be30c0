import { authed, readJson } from "@/lib/api/handler";
import { deleteWebhookEndpoint, updateWebhookEndpoint } from "@/lib/outbound/endpoints";
import { updateWebhookEndpointSchema } from "@/lib/outbound/schemas";

const scope = "webhooks:manage" as const;

export const PATCH = authed<{ id: string }>(
  async ({ request, actor, params }) => {
    const input = await readJson(request, updateWebhookEndpointSchema);
    return Response.json(await updateWebhookEndpoint({ actor, id: params.id, input }));
  },
  { scope },
);

export const DELETE = authed<{ id: string }>(
  async ({ actor, params }) => {
    await deleteWebhookEndpoint({ actor, id: params.id });
    return new Response(null, { status: 204 });
  },
  { scope },
);
