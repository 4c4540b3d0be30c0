// The preview dialer: the agent's session (GET: where it stands, after a reload too; POST: start one).
import { authed, readJson } from "@/lib/api/handler";
import { startSessionSchema } from "@/lib/dialer/schemas";
import { currentSession, nextLead, startSession } from "@/lib/dialer/sessions";

export const GET = authed(async ({ actor }) => Response.json(await currentSession(actor)));

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, startSessionSchema);
  const session = await startSession(actor, input);
  return Response.json(await nextLead(actor, session.id), { status: 201 });
});
