import { authed } from "@/lib/api/handler";
import { revokeApiKey } from "@/lib/api-keys/service";

/** Revokes the key: requests with it are refused (401) from now on. */
export const DELETE = authed<{ id: string }>(async ({ actor, params }) => Response.json(await revokeApiKey({ actor, id: params.id })));
