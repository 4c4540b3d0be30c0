import { authed } from "@/lib/api/handler";
import { missedCallbacks } from "@/lib/calls/list";

export const GET = authed(async ({ actor }) => Response.json({ items: await missedCallbacks({ actor }) }));
