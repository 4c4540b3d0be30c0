import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { requestOrigin } from "@/lib/audit/log";
import { fieldFilters } from "@/lib/custom-fields/filters";
import { exportLeadsCsv } from "@/lib/leads/export";
import { listLeadsQuerySchema } from "@/lib/leads/schemas";

/** The lead list as CSV, with the list's filters (q, status, ownerId), streamed. */
export const GET = authed(async ({ request, actor }) => {
  const params = searchParams(request);
  const query = { ...parseInput(listLeadsQuerySchema, params), fields: await fieldFilters(params) };
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(exportLeadsCsv({ actor, query, origin: requestOrigin(request.headers) }), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="leads-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
