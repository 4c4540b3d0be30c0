import { authed } from "@/lib/api/handler";
import { nextLead } from "@/lib/dialer/sessions";

/** The next lead (the one on offer, if there still is one). */
export const POST = authed<{ id: string }>(async ({ actor, params }) => Response.json(await nextLead(actor, params.id)));
