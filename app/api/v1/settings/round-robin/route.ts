import { authed, readJson } from "@/lib/api/handler";
import { getRoundRobin, setRoundRobin } from "@/lib/leads/assign";
import { roundRobinSchema } from "@/lib/leads/schemas";

export const GET = authed(async ({ actor }) => Response.json(await getRoundRobin({ actor })));

export const PUT = authed(async ({ request, actor }) => {
  const input = await readJson(request, roundRobinSchema);
  return Response.json(await setRoundRobin({ actor, input }));
});
