// Spend on a lead source in a month (admins); 0 removes it.
import { authed, readJson } from "@/lib/api/handler";
import { sourceSpendSchema } from "@/lib/reports/schemas";
import { setSourceSpend } from "@/lib/reports/source-spend";

export const PUT = authed(async ({ request, actor }) =>
  Response.json(await setSourceSpend({ actor, input: await readJson(request, sourceSpendSchema) })),
);
