// Campaigns: managers for their team, admins for all; agents list the ones they are on.
import { authed, readJson } from "@/lib/api/handler";
import { createCampaign, listCampaigns } from "@/lib/dialer/campaigns";
import { createCampaignSchema } from "@/lib/dialer/schemas";

export const GET = authed(async ({ actor }) => Response.json(await listCampaigns(actor)));

export const POST = authed(async ({ request, actor }) => {
  // A CSV of numbers can be long: up to 100,000 numbers.
  const input = await readJson(request, createCampaignSchema, 4 * 1024 * 1024);
  return Response.json(await createCampaign(actor, input), { status: 201 });
});
