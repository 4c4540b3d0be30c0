import { authed, readJson } from "@/lib/api/handler";
import { linkWebhookEvent } from "@/lib/webhooks/deliveries";
import { linkWebhookEventSchema } from "@/lib/webhooks/schemas";

export const POST = authed<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJson(request, linkWebhookEventSchema);
  const target = "leadId" in input ? { leadId: input.leadId } : { newLeadName: input.createLead.name };
  return Response.json(await linkWebhookEvent({ actor, id: params.id, ...target }));
});
