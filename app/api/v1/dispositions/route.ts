import { authed, readJson, searchParams } from "@/lib/api/handler";
import { createDispositionSchema } from "@/lib/dispositions/schemas";
import { createDisposition, listDispositions } from "@/lib/dispositions/service";

/** Active outcomes for everyone; `?all=1` (admins) includes retired ones. */
export const GET = authed(async ({ request, actor }) =>
  Response.json(await listDispositions({ actor, all: searchParams(request).all === "1" })),
);

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, createDispositionSchema);
  return Response.json(await createDisposition({ actor, input }), { status: 201 });
});
