// Push the do-not-call list to Smartflo's account DND list and blocked numbers (admins): {dryRun} first.
import { authed, readJson } from "@/lib/api/handler";
import { pushDncToSmartflo } from "@/lib/compliance/push";
import { dncPushSchema } from "@/lib/compliance/schemas";

export const POST = authed(async ({ request, actor }) =>
  Response.json(await pushDncToSmartflo(actor, await readJson(request, dncPushSchema))),
);
