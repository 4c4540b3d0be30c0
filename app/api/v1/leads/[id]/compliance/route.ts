// A lead's compliance: do-not-call per number, purpose and consent, whether it may be called now and why not.
import { authed } from "@/lib/api/handler";
import { leadCompliance } from "@/lib/compliance/lead";

export const GET = authed<{ id: string }>(async ({ actor, params }) => Response.json(await leadCompliance(actor, params.id)));
