// Record a lead's purpose and consent (or its withdrawal); on the timeline and in the audit log.
import { authed, readJson } from "@/lib/api/handler";
import { updateConsent } from "@/lib/compliance/lead";
import { consentSchema } from "@/lib/compliance/schemas";

export const PUT = authed<{ id: string }>(async ({ request, actor, params }) =>
  Response.json(await updateConsent(actor, params.id, await readJson(request, consentSchema))),
);
