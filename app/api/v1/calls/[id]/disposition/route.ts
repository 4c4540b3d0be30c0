import { authed, readJson } from "@/lib/api/handler";
import { recordDispositionSchema } from "@/lib/dispositions/schemas";
import { recordDisposition } from "@/lib/dispositions/service";

export const PUT = authed<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJson(request, recordDispositionSchema);
  return Response.json(await recordDisposition({ actor, callId: params.id, input }));
});
