import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { dashboardQuerySchema } from "@/lib/dashboard/schemas";
import { dashboard } from "@/lib/dashboard/service";

export const GET = authed(async ({ request, actor }) =>
  Response.json(await dashboard({ actor, query: parseInput(dashboardQuerySchema, searchParams(request)) })),
);
