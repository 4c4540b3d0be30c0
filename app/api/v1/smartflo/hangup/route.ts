import { authed, readJson } from "@/lib/api/handler";
import { hangupCall } from "@/lib/calls/hang-up-call";
import { hangupSchema } from "@/lib/calls/schemas";

export const POST = authed(async ({ request, actor }) => {
  const { call_id } = await readJson(request, hangupSchema);
  return Response.json(await hangupCall({ actor, callId: call_id }));
});
