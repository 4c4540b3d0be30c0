import { authed, readJson } from "@/lib/api/handler";
import { assignLeads } from "@/lib/leads/assign";
import { assignLeadsSchema } from "@/lib/leads/schemas";

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, assignLeadsSchema, 256 * 1024);
  return Response.json(await assignLeads({ actor, input }));
});
