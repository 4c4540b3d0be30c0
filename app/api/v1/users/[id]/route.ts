import { authed, readJson } from "@/lib/api/handler";
import { updateUser } from "@/lib/users/admin";
import { updateUserSchema } from "@/lib/users/schemas";

export const PATCH = authed<{ id: string }>(async ({ request, actor, params }) => {
  const patch = await readJson(request, updateUserSchema);
  return Response.json(await updateUser({ actor, id: params.id, patch }));
});
