import { authed, readJson } from "@/lib/api/handler";
import { hangupSchema } from "@/lib/calls/schemas";
import { hangupCall } from "@/lib/calls/service";

export const POST = authed(async ({ request, actor }) => {
  const { call_id } = await readJson(request, hangupSchema);
  return Response.json(await hangupCall({ actor, callId: call_id }));
});
