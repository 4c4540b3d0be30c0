import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { listAuditQuerySchema } from "@/lib/audit/schemas";
import { listAuditEvents } from "@/lib/audit/service";

/** The audit log, newest first (admins; others 404). Read-only: no route changes it. */
export const GET = authed(async ({ request, actor }) =>
  Response.json(await listAuditEvents({ actor, query: parseInput(listAuditQuerySchema, searchParams(request)) })),
);
