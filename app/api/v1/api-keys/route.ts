import { authed, readJson } from "@/lib/api/handler";
import { createApiKeySchema } from "@/lib/api-keys/schemas";
import { createApiKey, listApiKeys } from "@/lib/api-keys/service";

export const GET = authed(async ({ actor }) => Response.json(await listApiKeys({ actor })));

/** 201 {id, name, prefix, key, …}: the key itself is in this answer only. */
export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, createApiKeySchema);
  return Response.json(await createApiKey({ actor, input }), { status: 201 });
});
