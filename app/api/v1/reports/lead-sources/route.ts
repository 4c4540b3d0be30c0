// The lead-source report (managers and admins), as JSON or, with ?format=csv, as a CSV file.
import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { leadSourceReport } from "@/lib/reports/lead-sources";
import { leadSourceCsvFilename, leadSourceReportCsv } from "@/lib/reports/lead-sources-csv";
import { leadSourceReportQuerySchema } from "@/lib/reports/schemas";

export const GET = authed(async ({ request, actor }) => {
  const { format, ...query } = parseInput(leadSourceReportQuerySchema, searchParams(request));
  const report = await leadSourceReport({ actor, query });
  if (format !== "csv") return Response.json(report);
  return new Response(leadSourceReportCsv(report), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${leadSourceCsvFilename(report.from, report.to)}"`,
      "cache-control": "no-store",
    },
  });
});
