import "server-only";
import type { Prisma } from "../generated/prisma/client";

export const callInclude = { agent: { select: { id: true, name: true } } } satisfies Prisma.CallInclude;
type CallRow = Prisma.CallGetPayload<{ include: typeof callInclude }>;

/** What the browser may see of a call: never the raw recording URL (it can carry a token). */
export function toCallDto(call: CallRow) {
  return {
    id: call.id,
    leadId: call.leadId,
    agent: call.agent,
    direction: call.direction,
    status: call.status,
    providerStatus: call.providerStatus,
    callId: call.providerCallId,
    refId: call.refId,
    customerNumber: call.customerNumber,
    startedAt: call.startedAt?.toISOString() ?? null,
    answeredAt: call.answeredAt?.toISOString() ?? null,
    endedAt: call.endedAt?.toISOString() ?? null,
    ringSeconds: call.ringSeconds,
    talkSeconds: call.talkSeconds,
    durationSeconds: call.durationSeconds,
    recordingUrl: call.recordingUrl ? `/api/v1/calls/${call.id}/recording` : null,
    hangupCause: call.hangupCause,
    disposition: call.disposition,
    dispositionId: call.dispositionId,
    notes: call.notes,
    error: call.error,
    createdAt: call.createdAt.toISOString(),
    updatedAt: call.updatedAt.toISOString(),
  };
}
export type CallDto = ReturnType<typeof toCallDto>;
