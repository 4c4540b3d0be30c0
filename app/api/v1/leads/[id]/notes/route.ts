import { authed, readJson } from "@/lib/api/handler";
import { addNote } from "@/lib/leads/activities";
import { noteSchema } from "@/lib/leads/schemas";

export const POST = authed<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJson(request, noteSchema);
  return Response.json(await addNote({ actor, leadId: params.id, input }), { status: 201 });
});
