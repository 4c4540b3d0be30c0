import { authed, readJson } from "@/lib/api/handler";
import { snoozeSchema } from "@/lib/dialer/schemas";
import { snoozeLead } from "@/lib/dialer/sessions";

export const POST = authed<{ id: string }>(async ({ request, actor, params }) => {
  const { minutes } = await readJson(request, snoozeSchema);
  return Response.json(await snoozeLead(actor, params.id, minutes));
});
