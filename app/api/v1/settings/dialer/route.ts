import { authed, readJson } from "@/lib/api/handler";
import { dialerSettingsSchema } from "@/lib/dialer/schemas";
import { getDialerSettings, setDialerSettings } from "@/lib/dialer/settings";

export const GET = authed(async () => Response.json(await getDialerSettings()));

export const PUT = authed(async ({ request, actor }) => {
  const input = await readJson(request, dialerSettingsSchema);
  return Response.json(await setDialerSettings(actor, input));
});
