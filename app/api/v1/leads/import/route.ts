import { authed, readJson } from "@/lib/api/handler";
import { importLeads } from "@/lib/leads/import";
import { importLeadsSchema } from "@/lib/leads/schemas";

/** `{ rows, dryRun }`: a dry run reports every row; the browser then sends the file in chunks to create. */
export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, importLeadsSchema, 8 * 1024 * 1024);
  return Response.json(await importLeads({ actor, input }));
});
