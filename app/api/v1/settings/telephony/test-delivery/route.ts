import { authed, readJson } from "@/lib/api/handler";
import { testDeliverySchema } from "@/lib/settings/schemas";
import { sendTestDelivery } from "@/lib/settings/telephony";

export const POST = authed(async ({ request, actor }) => {
  const { trigger } = await readJson(request, testDeliverySchema);
  return Response.json(await sendTestDelivery({ actor, origin: new URL(request.url).origin, trigger }));
});
