import { authed, readJson } from "@/lib/api/handler";
import { getLead } from "@/lib/leads/read-lead";
import { updateLeadSchema } from "@/lib/leads/schemas";
import { updateLead } from "@/lib/leads/update-lead";

type P = { id: string };

export const GET = authed<P>(async ({ actor, params }) => Response.json(await getLead({ actor, id: params.id })), { scope: "leads:read" });

export const PATCH = authed<P>(async ({ request, actor, params }) => {
  const patch = await readJson(request, updateLeadSchema);
  return Response.json(await updateLead({ actor, id: params.id, patch }));
});
