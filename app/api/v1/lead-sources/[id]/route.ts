import { authed, readJson } from "@/lib/api/handler";
import { updateLeadSourceSchema } from "@/lib/intake/schemas";
import { updateLeadSource } from "@/lib/intake/sources";

export const PATCH = authed<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJson(request, updateLeadSourceSchema);
  return Response.json(await updateLeadSource({ actor, id: params.id, input }));
});
