import { authed, readJson } from "@/lib/api/handler";
import { webFormSchema } from "@/lib/intake/form-schemas";
import { deleteWebForm, saveWebForm } from "@/lib/intake/forms";

/** Creates or changes the source's hosted form (/f/<slug>). */
export const PUT = authed<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJson(request, webFormSchema);
  return Response.json(await saveWebForm({ actor, sourceId: params.id, input }));
});

export const DELETE = authed<{ id: string }>(async ({ actor, params }) => {
  await deleteWebForm({ actor, sourceId: params.id });
  return new Response(null, { status: 204 });
});
