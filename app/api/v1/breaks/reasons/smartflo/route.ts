// Copy the Smartflo account's break codes (/dialer/break_list) onto the list (admins).
import { authed } from "@/lib/api/handler";
import { importSmartfloBreakCodes } from "@/lib/breaks/service";

export const POST = authed(async ({ actor }) => Response.json(await importSmartfloBreakCodes(actor)));
