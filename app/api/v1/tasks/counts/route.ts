import { authed } from "@/lib/api/handler";
import { taskCounts } from "@/lib/tasks/service";

export const GET = authed(async ({ actor }) => Response.json(await taskCounts({ actor })));
