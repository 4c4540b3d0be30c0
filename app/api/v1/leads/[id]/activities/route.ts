import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { paginationSchema } from "@/lib/leads/schemas";
import { listActivities } from "@/lib/leads/service";

export const GET = authed<{ id: string }>(async ({ request, actor, params }) => {
  const page = parseInput(paginationSchema, searchParams(request));
  return Response.json(await listActivities({ actor, leadId: params.id, page }));
});
