import { LEAD_STATUS_LABELS, type LeadStatusValue } from "@/lib/leads/status-labels";

const TONES: Record<LeadStatusValue, string> = {
  NEW: "bg-sky-50 text-sky-700 ring-sky-600/20",
  CONTACTED: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
  QUALIFIED: "bg-violet-50 text-violet-700 ring-violet-600/20",
  WON: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  LOST: "bg-slate-100 text-slate-600 ring-slate-500/20",
  UNREACHABLE: "bg-amber-50 text-amber-800 ring-amber-600/20",
};

export function StatusBadge({ status }: { status: LeadStatusValue }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status]}`}
      data-status={status}
    >
      {LEAD_STATUS_LABELS[status]}
    </span>
  );
}
