import { authed } from "@/lib/api/handler";
import { skipLead } from "@/lib/dialer/sessions";

export const POST = authed<{ id: string }>(async ({ actor, params }) => Response.json(await skipLead(actor, params.id)));
