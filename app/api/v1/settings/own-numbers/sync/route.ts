import { authed } from "@/lib/api/handler";
import { syncOwnNumbersFromSmartflo } from "@/lib/telephony/own-numbers";

/** Adds the agent numbers Smartflo's /users lists. */
export const POST = authed(async ({ actor }) => Response.json(await syncOwnNumbersFromSmartflo(actor)));
