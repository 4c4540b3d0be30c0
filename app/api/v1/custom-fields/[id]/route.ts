import { authed, readJson } from "@/lib/api/handler";
import { updateCustomFieldSchema } from "@/lib/custom-fields/schemas";
import { deleteCustomField, updateCustomField } from "@/lib/custom-fields/service";

/** Label, choices, required, order; `archived: true` keeps the values and takes no new ones. */
export const PATCH = authed<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJson(request, updateCustomFieldSchema);
  return Response.json(await updateCustomField({ actor, id: params.id, input }));
});

/** Only a field no lead holds a value for (409 otherwise: archive it). */
export const DELETE = authed<{ id: string }>(async ({ actor, params }) => {
  await deleteCustomField({ actor, id: params.id });
  return new Response(null, { status: 204 });
});
