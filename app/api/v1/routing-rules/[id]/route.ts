import { authed, readJson } from "@/lib/api/handler";
import { deleteRoutingRule, updateRoutingRule } from "@/lib/routing/rules";
import { updateRuleSchema } from "@/lib/routing/schemas";

export const PATCH = authed<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJson(request, updateRuleSchema);
  return Response.json(await updateRoutingRule({ actor, id: params.id, input }));
});

/** 204; the fallback cannot be deleted (409). */
export const DELETE = authed<{ id: string }>(async ({ actor, params }) => {
  await deleteRoutingRule({ actor, id: params.id });
  return new Response(null, { status: 204 });
});
