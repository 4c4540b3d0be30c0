// A person's data on request (admins): {phone | leadId, format: "json" | "csv"} → a download.
import { authed, readJson } from "@/lib/api/handler";
import { exportPerson } from "@/lib/compliance/privacy";
import { privacyExportSchema } from "@/lib/compliance/schemas";

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, privacyExportSchema);
  const out = await exportPerson(actor, input);
  const name = `personal-data-${out.leadId ?? "number"}-${new Date().toISOString().slice(0, 10)}`;
  const headers = { "cache-control": "no-store", "content-disposition": `attachment; filename="${name}.${input.format}"` };
  if (out.format === "csv") return new Response(out.csv, { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  return Response.json(out.json, { headers });
});
