// New leads nobody has called yet, the actor's (agents), their team's (managers) or everyone's
// (admins): by time left (?order=due, overdue first) or by how long they have waited (?order=oldest).
import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { waitingLeadsQuerySchema } from "@/lib/leads/schemas";
import { listWaitingLeads } from "@/lib/leads/waiting";

export const GET = authed(async ({ request, actor }) =>
  Response.json(await listWaitingLeads({ actor, query: parseInput(waitingLeadsQuerySchema, searchParams(request)) })),
);
