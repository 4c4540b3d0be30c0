import { authed } from "@/lib/api/handler";
import { connectorOf, syncNow } from "@/lib/connectors/admin";

export const POST = authed<{ kind: string }>(async ({ actor, params }) =>
  Response.json(await syncNow({ actor, kind: connectorOf(params.kind) })),
);
