import { authed } from "@/lib/api/handler";
import { checkConnection } from "@/lib/settings/telephony";

export const POST = authed(async ({ actor }) => Response.json(await checkConnection({ actor })));
