// What "in progress" means for a call, in one place (the browser, the services and, as an
// argument, the database function crm_start_call all take it from here).
import { CallStatus } from "../generated/prisma/enums";

/** A call in one of these is still going: it blocks the agent's next call and keeps the call bar open. */
export const ACTIVE_CALL_STATUSES = [CallStatus.INITIATED, CallStatus.RINGING, CallStatus.ANSWERED] as const;
export type ActiveCallStatus = (typeof ACTIVE_CALL_STATUSES)[number];

export const isActiveCallStatus = (status: string): status is ActiveCallStatus =>
  (ACTIVE_CALL_STATUSES as readonly string[]).includes(status);

/**
 * How long a call can be "in progress" before we stop believing it (its final webhook never
 * came): older ones no longer block new calls, nor match an unnamed webhook to our click-to-call.
 */
export const CALL_IN_PROGRESS_WINDOW_MS = 2 * 3600_000;

/** How every page names a call's status (one map: a label that differs between pages breaks filters and trust). */
export const CALL_STATUS_LABELS: Record<CallStatus, string> = {
  INITIATED: "Connecting",
  RINGING: "Ringing",
  ANSWERED: "In call",
  COMPLETED: "Answered",
  MISSED: "Missed",
  FAILED: "Failed",
};

/** The label of a status that arrives as a plain string (a JSON payload). */
export const callStatusLabel = (status: string): string => CALL_STATUS_LABELS[status as CallStatus] ?? "Call";
