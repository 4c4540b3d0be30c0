// Push the do-not-call list to Smartflo's account DND list and blocked numbers (admins): {dryRun} first.
import { z } from "zod";
import { authed, readJson } from "@/lib/api/handler";
import { pushDncToSmartflo } from "@/lib/compliance/push";

const schema = z.strictObject({ dryRun: z.boolean({ error: "must be true or false" }) });

export const POST = authed(async ({ request, actor }) => Response.json(await pushDncToSmartflo(actor, await readJson(request, schema))));
