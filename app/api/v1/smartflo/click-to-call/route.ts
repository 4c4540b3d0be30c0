import { afterResponse, authed, readJson } from "@/lib/api/handler";
import { startCallSchema } from "@/lib/calls/schemas";
import { resolveProviderCallIdSoon, startCall } from "@/lib/calls/service";

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, startCallSchema);
  const call = await startCall({ actor, ...input });
  // Async click-to-call carries no call_id: look it up in /live_calls shortly, so Hangup works.
  if (!call.callId) afterResponse(() => resolveProviderCallIdSoon(call.id));
  return Response.json(call, { status: 201 });
});
