import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { callsNeedingOutcome } from "@/lib/calls/needs-outcome";
import { needsOutcomeQuerySchema } from "@/lib/calls/schemas";

/** The signed-in user's calls still waiting for an outcome: `{items, total}`. */
export const GET = authed(async ({ request, actor }) => {
  const { leadId } = parseInput(needsOutcomeQuerySchema, searchParams(request));
  return Response.json(await callsNeedingOutcome({ actor, leadId }));
});
