import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { dashboard, dashboardQuerySchema } from "@/lib/dashboard/service";

export const GET = authed(async ({ request, actor }) =>
  Response.json(await dashboard({ actor, query: parseInput(dashboardQuerySchema, searchParams(request)) })),
);
