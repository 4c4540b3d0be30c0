import { authed, readJson } from "@/lib/api/handler";
import { connectorOf, setFormMapping } from "@/lib/connectors/admin";
import { formMappingSchema } from "@/lib/connectors/schemas";
import { AppError } from "@/lib/errors";

/** Meta: which lead field each of a form's questions fills. */
export const PUT = authed<{ kind: string; formId: string }>(async ({ request, actor, params }) => {
  if (connectorOf(params.kind) !== "META")
    throw new AppError("NOT_FOUND", "Only Meta Lead Ads has forms mapped here", { fields: { kind: "must be meta" } });
  const { mapping } = await readJson(request, formMappingSchema);
  return Response.json(await setFormMapping({ actor, formId: params.formId, mapping }));
});
