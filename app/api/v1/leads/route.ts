import { authed, MAX_JSON_BYTES, parseInput, readJson, searchParams } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { fieldFilters } from "@/lib/custom-fields/filters";
import { createLeadFromApi } from "@/lib/intake/api-lead";
import { apiLeadSchema } from "@/lib/intake/schemas";
import { createLead } from "@/lib/leads/create-lead";
import { listLeads } from "@/lib/leads/list";
import { createLeadSchema, listLeadsQuerySchema } from "@/lib/leads/schemas";

export const GET = authed(
  async ({ request, actor }) => {
    const params = searchParams(request);
    const query = parseInput(listLeadsQuerySchema, params);
    return Response.json(await listLeads({ actor, query: { ...query, fields: await fieldFilters(params) } }));
  },
  { scope: "leads:read" },
);

// A signed-in user's new lead (409 when the number is someone's already), or an API key's: the
// intake, where a person already on file is "Enquired again" (200) rather than a new lead (201).
export const POST = authed(
  async ({ request, actor }) =>
    withIdempotency(request, actor, MAX_JSON_BYTES, async (req) => {
      const { apiKey } = actor;
      if (apiKey) {
        const { lead, created } = await createLeadFromApi({ actor: { ...actor, apiKey }, input: await readJson(req, apiLeadSchema) });
        return Response.json(lead, { status: created ? 201 : 200 });
      }
      return Response.json(await createLead({ actor, input: await readJson(req, createLeadSchema) }), { status: 201 });
    }),
  { scope: "leads:write" },
);
