import { authed, readJson } from "@/lib/api/handler";
import { createLeadSourceSchema } from "@/lib/intake/schemas";
import { createLeadSource, listLeadSources } from "@/lib/intake/sources";

export const GET = authed(async ({ actor }) => Response.json(await listLeadSources({ actor })));

/** 201 {id, name, url}: the URL carries the source's secret token, shown in this answer only. */
export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, createLeadSourceSchema);
  return Response.json(await createLeadSource({ actor, input }), { status: 201 });
});
