// "Test a rule": who a sample lead would go to now, by which rule and why. Nothing is assigned.
import { authed, readJson } from "@/lib/api/handler";
import { testRoutingRules } from "@/lib/routing/rules";
import { testRuleSchema } from "@/lib/routing/schemas";

export const POST = authed(async ({ request, actor }) => {
  const { lead } = await readJson(request, testRuleSchema);
  return Response.json(await testRoutingRules({ actor, lead }));
});
