// Import a DND list (admins): {csv, reason?}; answers how many were added, already listed, invalid.
import { authed, readJson } from "@/lib/api/handler";
import { importDnc } from "@/lib/compliance/dnc";
import { dncImportSchema } from "@/lib/compliance/schemas";

export const POST = authed(async ({ request, actor }) =>
  Response.json(await importDnc(actor, await readJson(request, dncImportSchema, 2_100_000))),
);
