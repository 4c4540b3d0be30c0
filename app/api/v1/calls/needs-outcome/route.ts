import { z } from "zod";
import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { callsNeedingOutcome } from "@/lib/calls/needs-outcome";
import { idSchema } from "@/lib/validation";

const querySchema = z.strictObject({ leadId: idSchema.optional() });

/** The signed-in user's calls still waiting for an outcome: `{items, total}`. */
export const GET = authed(async ({ request, actor }) => {
  const { leadId } = parseInput(querySchema, searchParams(request));
  return Response.json(await callsNeedingOutcome({ actor, leadId }));
});
