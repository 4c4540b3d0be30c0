import { z } from "zod";
import { authed, readJson } from "@/lib/api/handler";
import { sendTestDelivery } from "@/lib/settings/telephony";

const schema = z.strictObject({
  trigger: z
    .enum(["hangup", "answered_by_customer", "dialed_on_agent", "answered_by_agent"], { error: "is not a known trigger" })
    .default("hangup"),
});

export const POST = authed(async ({ request, actor }) => {
  const { trigger } = await readJson(request, schema);
  return Response.json(await sendTestDelivery({ actor, origin: new URL(request.url).origin, trigger }));
});
