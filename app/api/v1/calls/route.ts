import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { listCalls, listCallsQuerySchema } from "@/lib/calls/list";

export const GET = authed(async ({ request, actor }) => {
  const query = parseInput(listCallsQuerySchema, searchParams(request));
  return Response.json(await listCalls({ actor, query }));
});
