// Lift a do-not-call mark (admins); audited and on the lead's timeline.
import { authed } from "@/lib/api/handler";
import { removeDnc } from "@/lib/compliance/dnc";

export const DELETE = authed<{ phone: string }>(async ({ actor, params }) => Response.json(await removeDnc(actor, params.phone)));
