// Erase a person's data on request (admins): {phone | leadId, confirm: "ERASE"}. Not undoable.
import { authed, readJson } from "@/lib/api/handler";
import { erasePerson } from "@/lib/compliance/privacy";
import { privacyEraseSchema } from "@/lib/compliance/schemas";

export const POST = authed(async ({ request, actor }) =>
  Response.json(await erasePerson(actor, await readJson(request, privacyEraseSchema))),
);
