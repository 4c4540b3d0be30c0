import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { listActivities } from "@/lib/leads/activities";
import { paginationSchema } from "@/lib/leads/schemas";

export const GET = authed<{ id: string }>(async ({ request, actor, params }) => {
  const page = parseInput(paginationSchema, searchParams(request));
  return Response.json(await listActivities({ actor, leadId: params.id, page }));
});
