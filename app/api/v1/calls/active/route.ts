import { authed } from "@/lib/api/handler";
import { activeCallOf } from "@/lib/calls/active";

/** The signed-in user's call in progress: `{call}`, null when there is none. */
export const GET = authed(async ({ actor }) => Response.json({ call: await activeCallOf(actor) }));
