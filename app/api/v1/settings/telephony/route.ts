import { authed } from "@/lib/api/handler";
import { telephonyStatus } from "@/lib/settings/telephony";

export const GET = authed(async ({ actor }) => Response.json(await telephonyStatus({ actor })));
