import { authed, parseInput, readJson, searchParams } from "@/lib/api/handler";
import { createLead } from "@/lib/leads/create-lead";
import { listLeads } from "@/lib/leads/list";
import { createLeadSchema, listLeadsQuerySchema } from "@/lib/leads/schemas";

export const GET = authed(async ({ request, actor }) => {
  const query = parseInput(listLeadsQuerySchema, searchParams(request));
  return Response.json(await listLeads({ actor, query }));
});

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, createLeadSchema);
  return Response.json(await createLead({ actor, input }), { status: 201 });
});
