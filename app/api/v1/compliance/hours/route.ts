import { authed } from "@/lib/api/handler";
import { callingHoursNow } from "@/lib/compliance/now";

// Whether calls are allowed now (any signed-in user: the Call buttons on lists say so in advance).
export const GET = authed(async () => Response.json(await callingHoursNow()));
