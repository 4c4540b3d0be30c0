import { authed, readJson } from "@/lib/api/handler";
import { connectorOf, updateIntegration } from "@/lib/connectors/admin";
import { updateIntegrationSchema } from "@/lib/connectors/schemas";

export const PATCH = authed<{ kind: string }>(async ({ request, actor, params }) => {
  const kind = connectorOf(params.kind);
  const input = await readJson(request, updateIntegrationSchema);
  return Response.json(await updateIntegration({ actor, kind, input }));
});
