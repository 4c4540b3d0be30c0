import { z } from "zod";
import { authed, readJson } from "@/lib/api/handler";
import { linkWebhookEvent } from "@/lib/webhooks/deliveries";

const schema = z.union([
  z.strictObject({ leadId: z.string().trim().min(1, "is required").max(100) }),
  z.strictObject({ createLead: z.strictObject({ name: z.string().trim().max(200).optional() }) }),
]);

export const POST = authed<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJson(request, schema);
  return Response.json(
    await linkWebhookEvent({
      actor,
      id: params.id,
      ...("leadId" in input ? { leadId: input.leadId } : { newLeadName: input.createLead.name }),
    }),
  );
});
