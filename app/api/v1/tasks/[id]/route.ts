import { authed, readJson } from "@/lib/api/handler";
import { updateTaskSchema } from "@/lib/tasks/schemas";
import { updateTask } from "@/lib/tasks/service";

export const PATCH = authed<{ id: string }>(async ({ request, actor, params }) => {
  const patch = await readJson(request, updateTaskSchema);
  return Response.json(await updateTask({ actor, id: params.id, patch }));
});
