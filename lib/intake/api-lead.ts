// A lead sent with an API key (POST /api/v1/leads, scope leads:write): the same intake as a lead
// source's delivery, so a person already on file gets "Enquired again" instead of a duplicate.
import "server-only";
import type { Actor } from "../auth/actor";
import { checkFieldValues } from "../custom-fields/service";
import { validationError } from "../errors";
import type { LeadDto } from "../leads/dto";
import { getLead } from "../leads/read-lead";
import type { IntakeValues } from "./fields";
import { intakeLead } from "./intake";
import type { ApiLeadInput } from "./schemas";

export async function createLeadFromApi({
  actor,
  input,
}: {
  actor: Actor & { apiKey: NonNullable<Actor["apiKey"]> };
  input: ApiLeadInput;
}): Promise<{ lead: LeadDto & { enquiredAgain: boolean }; created: boolean }> {
  const values: IntakeValues = {
    name: input.name,
    phone: input.phone,
    email: input.email,
    city: input.city,
    message: input.message,
    subSource: input.subSource,
    consent: input.consent ? "yes" : undefined,
    consentText: input.consentText,
    utmSource: input.utm?.source,
    utmMedium: input.utm?.medium,
    utmCampaign: input.utm?.campaign,
    utmTerm: input.utm?.term,
    utmContent: input.utm?.content,
    referrer: input.referrer,
    landingPage: input.landingPage,
  };
  const fields = input.fields ? await checkFieldValues(input.fields, "intake") : undefined;
  const outcome = await intakeLead(values, { label: `API key ${actor.apiKey.name}`, sourceName: input.source ?? "API", fields });
  if (outcome.status === "SKIPPED") throw validationError({ [outcome.field]: outcome.reason });
  const lead = await getLead({ actor, id: outcome.leadId });
  return { lead: { ...lead, enquiredAgain: outcome.status === "ENQUIRED_AGAIN" }, created: outcome.status === "CREATED" };
}
