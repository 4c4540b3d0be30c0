import { authed } from "@/lib/api/handler";
import { incomingCalls } from "@/lib/calls/caller";

/** The signed-in agent's live inbound calls, as screen pops (the pop-up survives a reload). */
export const GET = authed(async ({ actor }) => Response.json(await incomingCalls(actor)));
