import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { listCalls } from "@/lib/calls/list";
import { listCallsQuerySchema } from "@/lib/calls/schemas";

export const GET = authed(
  async ({ request, actor }) => {
    const query = parseInput(listCallsQuerySchema, searchParams(request));
    return Response.json(await listCalls({ actor, query }));
  },
  { scope: "calls:read" },
);
