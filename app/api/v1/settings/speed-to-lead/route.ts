// Speed-to-lead settings: managers and admins read them; admins PATCH a partial object, merged.
import { authed, readJson } from "@/lib/api/handler";
import { speedSettingsPatchSchema } from "@/lib/routing/schemas";
import { readSpeedSettings, updateSpeedSettings } from "@/lib/routing/settings";

export const GET = authed(async ({ actor }) => Response.json(await readSpeedSettings(actor)));

export const PATCH = authed(async ({ request, actor }) =>
  Response.json(await updateSpeedSettings(actor, await readJson(request, speedSettingsPatchSchema))),
);
