import { authed } from "@/lib/api/handler";
import { replayWebhookEvent } from "@/lib/webhooks/process";

export const POST = authed<{ id: string }>(async ({ actor, params }) => Response.json(await replayWebhookEvent({ actor, id: params.id })));
