import { authed, readJson } from "@/lib/api/handler";
import { createUser, listUsersForAdmin } from "@/lib/users/admin";
import { createUserSchema } from "@/lib/users/schemas";
import { listAssignableUsers } from "@/lib/users/service";

// Admins get the full user list (`?all=1`); everyone else the people they may assign leads to.
export const GET = authed(async ({ request, actor }) => {
  const all = new URL(request.url).searchParams.get("all") === "1";
  return Response.json(all ? await listUsersForAdmin({ actor }) : await listAssignableUsers(actor));
});

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, createUserSchema);
  return Response.json(await createUser({ actor, input }), { status: 201 });
});
