// Routing rules in the order they are tried (the fallback last), and adding one.
import { authed, readJson } from "@/lib/api/handler";
import { createRoutingRule, listRoutingRules } from "@/lib/routing/rules";
import { createRuleSchema } from "@/lib/routing/schemas";

export const GET = authed(async ({ actor }) => Response.json(await listRoutingRules({ actor })));

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, createRuleSchema);
  return Response.json(await createRoutingRule({ actor, input }), { status: 201 });
});
