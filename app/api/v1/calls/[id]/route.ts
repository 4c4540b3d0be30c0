import { authed } from "@/lib/api/handler";
import { getCall } from "@/lib/calls/read-call";

export const GET = authed<{ id: string }>(async ({ actor, params }) => Response.json(await getCall({ actor, id: params.id })), {
  scope: "calls:read",
});
