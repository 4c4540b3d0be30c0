import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { dashboardQuerySchema } from "@/lib/dashboard/schemas";
import { speedToLead } from "@/lib/dashboard/speed";

export const GET = authed(async ({ request, actor }) =>
  Response.json(await speedToLead({ actor, query: parseInput(dashboardQuerySchema, searchParams(request)) })),
);
