import "server-only";
import { pickJson } from "../dto";
import type { Prisma } from "../generated/prisma/client";
import { formatLocalPhone, formatPhone } from "../phone";

export const callInclude = { agent: { select: { id: true, name: true } } } satisfies Prisma.CallInclude;
type CallRow = Prisma.CallGetPayload<{ include: typeof callInclude }>;

/** What the browser may see of a call: never the raw recording URL (it can carry a token). */
export function toCallDto(call: CallRow) {
  return {
    ...pickJson(call, ["id", "leadId", "agent", "direction", "status", "providerStatus", "refId", "customerNumber"]),
    callId: call.providerCallId,
    /** The customer's number as people read it (which of a lead's numbers the call was to or from). */
    customerDisplay: call.customerNumber ? formatPhone(call.customerNumber) : null,
    /** Inbound: which of our numbers they dialled (the ad or listing they saw), as it is printed (080 6900 1234). */
    dialledNumber: call.dialledNumber,
    dialledDisplay: call.dialledNumber ? formatLocalPhone(call.dialledNumber) : null,
    /** The keys pressed in the IVR ("1"). */
    ivrDigits: call.ivrDigits,
    ...pickJson(call, ["startedAt", "answeredAt", "endedAt", "ringSeconds", "talkSeconds", "durationSeconds", "hangupCause"]),
    recordingUrl: call.recordingUrl ? `/api/v1/calls/${call.id}/recording` : null,
    /** Deleted by the retention job (or an erasure): when, and after how many days. */
    recordingDeleted: call.recordingDeletedAt ? { at: call.recordingDeletedAt.toISOString(), days: call.recordingKeptDays } : null,
    ...pickJson(call, ["disposition", "dispositionId", "notes", "error", "createdAt", "updatedAt"]),
  };
}
export type CallDto = ReturnType<typeof toCallDto>;
