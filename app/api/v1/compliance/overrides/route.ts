// An admin allows one call to a lead outside the calling hours, with a reason (audited): {leadId, reason} → 201.
import { authed, readJson } from "@/lib/api/handler";
import { grantOverride } from "@/lib/compliance/lead";
import { overrideSchema } from "@/lib/compliance/schemas";

export const POST = authed(async ({ request, actor }) =>
  Response.json(await grantOverride(actor, await readJson(request, overrideSchema)), { status: 201 }),
);
