import { authed, readJson } from "@/lib/api/handler";
import { getCampaign, updateCampaign } from "@/lib/dialer/campaigns";
import { updateCampaignSchema } from "@/lib/dialer/schemas";

export const GET = authed<{ id: string }>(async ({ actor, params }) => Response.json(await getCampaign(actor, params.id)));

export const PATCH = authed<{ id: string }>(async ({ request, actor, params }) => {
  const patch = await readJson(request, updateCampaignSchema);
  return Response.json(await updateCampaign(actor, params.id, patch));
});
