import { authed, readJson } from "@/lib/api/handler";
import { updateDispositionSchema } from "@/lib/dispositions/schemas";
import { updateDisposition } from "@/lib/dispositions/service";

export const PATCH = authed<{ id: string }>(async ({ request, actor, params }) => {
  const patch = await readJson(request, updateDispositionSchema);
  return Response.json(await updateDisposition({ actor, id: params.id, patch }));
});
