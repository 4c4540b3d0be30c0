// Compliance settings: everyone signed in reads them (the call bar shows the calling hours);
// admins PUT a partial object, merged (callingHours per weekday; holidays as India dates).
import { authed, readJson } from "@/lib/api/handler";
import { complianceSettingsPatchSchema } from "@/lib/compliance/schemas";
import { getComplianceSettings, updateComplianceSettings } from "@/lib/compliance/settings";

export const GET = authed(async () => Response.json(await getComplianceSettings()));

export const PUT = authed(async ({ request, actor }) =>
  Response.json(await updateComplianceSettings(actor, await readJson(request, complianceSettingsPatchSchema))),
);
