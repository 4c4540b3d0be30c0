import { authed, parseInput, readJson, searchParams } from "@/lib/api/handler";
import { createCustomFieldSchema, listCustomFieldsQuerySchema } from "@/lib/custom-fields/schemas";
import { createCustomField, listCustomFields } from "@/lib/custom-fields/service";

/** Every custom lead field (archived ones too: their values are still shown). */
export const GET = authed(
  async ({ request, actor }) => {
    const { usage } = parseInput(listCustomFieldsQuerySchema, searchParams(request));
    return Response.json(await listCustomFields({ actor, usage }));
  },
  { scope: "leads:read" },
);

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, createCustomFieldSchema);
  return Response.json(await createCustomField({ actor, input }), { status: 201 });
});
