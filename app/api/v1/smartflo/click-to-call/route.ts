import { authed, readJson } from "@/lib/api/handler";
import { startCallSchema } from "@/lib/calls/schemas";
import { startCall } from "@/lib/calls/start-call";

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, startCallSchema);
  const call = await startCall({ actor, ...input });
  return Response.json(call, { status: 201 });
});
