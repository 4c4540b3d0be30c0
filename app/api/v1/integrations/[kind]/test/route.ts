import { authed } from "@/lib/api/handler";
import { connectorOf, sendTestLead } from "@/lib/connectors/admin";

export const POST = authed<{ kind: string }>(async ({ actor, params }) =>
  Response.json(await sendTestLead({ actor, kind: connectorOf(params.kind) })),
);
