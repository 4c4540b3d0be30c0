import { authed } from "@/lib/api/handler";
import { listSmartfloAgents } from "@/lib/users/admin";

export const GET = authed(async ({ actor }) => Response.json(await listSmartfloAgents({ actor })));
