import { authed } from "@/lib/api/handler";
import { renewLeadSourceUrl } from "@/lib/intake/sources";

/** A new URL (a new secret token) for the source; the old one stops working at once. */
export const POST = authed<{ id: string }>(async ({ actor, params }) => Response.json(await renewLeadSourceUrl({ actor, id: params.id })));
