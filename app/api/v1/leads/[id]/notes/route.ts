import { authed, readJson } from "@/lib/api/handler";
import { noteSchema } from "@/lib/leads/schemas";
import { addNote } from "@/lib/leads/service";

export const POST = authed<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJson(request, noteSchema);
  return Response.json(await addNote({ actor, leadId: params.id, input }), { status: 201 });
});
