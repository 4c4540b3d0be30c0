// The lead-source report as CSV: one line per source and a Total line, plain numbers (no ₹, no
// grouping) so a spreadsheet reads them as numbers. Pure.
import { toCsvLine } from "../leads/csv";
import type { LeadSourceMeasures, LeadSourceReport } from "./lead-sources";
import { HAND_ADDED } from "./schemas";

export const LEAD_SOURCE_CSV_HEADER = [
  "source",
  "leads",
  "duplicates",
  "contacted",
  "median_minutes_to_first_call",
  "never_called",
  "qualified",
  "won",
  "spend_rupees",
  "cost_per_lead_rupees",
  "cost_per_won_rupees",
];

const money = (v: number | null) => (v === null ? "" : v.toFixed(2));

function measures(m: LeadSourceMeasures) {
  return [
    m.leads,
    m.duplicates,
    m.contacted,
    m.medianMinutesToFirstCall ?? "",
    m.neverCalled,
    m.qualified,
    m.won,
    money(m.spendRupees),
    money(m.costPerLead),
    money(m.costPerWon),
  ];
}

/** With a byte-order mark and CRLF line ends, as the lead export writes them (Excel reads the ₹-free UTF-8 right). */
export function leadSourceReportCsv(report: Pick<LeadSourceReport, "rows" | "totals">): string {
  const lines = [
    toCsvLine(LEAD_SOURCE_CSV_HEADER),
    ...report.rows.map((r) => toCsvLine([r.source ?? HAND_ADDED, ...measures(r)])),
    toCsvLine(["Total", ...measures(report.totals)]),
  ];
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

export const leadSourceCsvFilename = (from: string, to: string) => `lead-sources-${from}-to-${to}.csv`;
