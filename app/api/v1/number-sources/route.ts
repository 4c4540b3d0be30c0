// Admin: our numbers (DIDs customers dial) and the lead source each stands for.
import { authed, readJson } from "@/lib/api/handler";
import { listNumberSources, saveNumberSource } from "@/lib/telephony/number-sources";
import { numberSourceSchema } from "@/lib/telephony/schemas";

export const GET = authed(async ({ actor }) => Response.json(await listNumberSources(actor)));

/** Names a number's source, or changes it. */
export const PUT = authed(async ({ request, actor }) => {
  const input = await readJson(request, numberSourceSchema);
  return Response.json(await saveNumberSource(actor, input));
});
