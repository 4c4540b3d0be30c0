import { authed } from "@/lib/api/handler";
import { listAssignableUsers } from "@/lib/users/service";

export const GET = authed(async ({ actor }) => Response.json(await listAssignableUsers(actor)));
