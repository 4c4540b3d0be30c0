import { authed } from "@/lib/api/handler";
import { replayDelivery } from "@/lib/intake/sources";

/** Processes a delivery again (one that failed, or was skipped before the mapping was fixed). */
export const POST = authed<{ id: string }>(async ({ actor, params }) => Response.json(await replayDelivery({ actor, id: params.id })));
