import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { deliveriesQuerySchema } from "@/lib/intake/schemas";
import { listDeliveries } from "@/lib/intake/sources";

export const GET = authed<{ id: string }>(async ({ request, actor, params }) => {
  const query = parseInput(deliveriesQuerySchema, searchParams(request));
  return Response.json(await listDeliveries({ actor, sourceId: params.id, ...query }));
});
