// Reports for the browser: the lead-source report, its CSV link, and the admins' spend entries.
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { leadSourceReport } from "../reports/lead-sources";
import type { SourceSpendInput } from "../reports/schemas";
import type { setSourceSpend } from "../reports/source-spend";
import { apiFetch, send, withQuery } from "./api";

export type LeadSourceReportData = Awaited<ReturnType<typeof leadSourceReport>>;
export type LeadSourceReportRow = LeadSourceReportData["rows"][number];
export type SavedSpend = Awaited<ReturnType<typeof setSourceSpend>>;

const LEAD_SOURCES = "/api/v1/reports/lead-sources";

export const reportKeys = {
  all: ["reports"] as const,
  leadSourcesAll: () => [...reportKeys.all, "lead-sources"] as const,
  leadSources: (from: string, to: string) => [...reportKeys.leadSourcesAll(), from, to] as const,
};

export function leadSourceReportOptions(from: string, to: string) {
  return queryOptions({
    queryKey: reportKeys.leadSources(from, to),
    queryFn: () => apiFetch<LeadSourceReportData>(withQuery(LEAD_SOURCES, { from, to })),
  });
}

/** The same report as a CSV file (a plain link: the browser downloads it with the session cookie). */
export const leadSourceCsvUrl = (from: string, to: string) => withQuery(LEAD_SOURCES, { from, to, format: "csv" });

/** Spend changes every period's costs that include the month: all lead-source reports are refetched. */
export const setSourceSpendMutation = () =>
  mutationOptions({
    mutationFn: (input: SourceSpendInput) => send<SavedSpend>("PUT", `${LEAD_SOURCES}/spend`, input),
    onSuccess: (_s, _v, _r, { client }) => client.invalidateQueries({ queryKey: reportKeys.leadSourcesAll() }),
  });
