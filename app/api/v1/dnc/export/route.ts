// The do-not-call list as CSV (admins).
import { authed } from "@/lib/api/handler";
import { exportDncCsv } from "@/lib/compliance/dnc";

export const GET = authed(async ({ actor }) => {
  const csv = await exportDncCsv(actor);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="do-not-call-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
