// Lead statuses and how the UI names them: a tiny module, so pages that only show a status do not
// load the lead schemas (zod, phone validation).
import { LeadStatus } from "../generated/prisma/enums";

export const LEAD_STATUSES = Object.values(LeadStatus);
export type LeadStatusValue = LeadStatus;

export const LEAD_STATUS_LABELS: Record<LeadStatusValue, string> = {
  NEW: "New",
  CONTACTED: "Contacted",
  QUALIFIED: "Qualified",
  WON: "Won",
  LOST: "Lost",
  UNREACHABLE: "Unreachable",
};
