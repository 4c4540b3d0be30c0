// What "answered" means, in one place: a call that connected — completed, with an answer time or
// talk time. The rollup trigger (crm_call_parts in prisma/functions/crm_call_stats.sql) applies the
// same test in SQL; a test holds the two together. The answered rate is answered outbound calls ÷
// outbound calls made, on the live board and the dashboard alike.
import type { Prisma } from "../generated/prisma/client";

export const answeredCallWhere = {
  status: "COMPLETED",
  OR: [{ answeredAt: { not: null } }, { talkSeconds: { gt: 0 } }],
} satisfies Prisma.CallWhereInput;

export function isAnsweredCall(call: { status: string; answeredAt: Date | string | null; talkSeconds: number | null }): boolean {
  return call.status === "COMPLETED" && (call.answeredAt !== null || (call.talkSeconds ?? 0) > 0);
}

/** Answered outbound ÷ outbound calls made, 0..1; null when none were made. */
export function answeredRate(callsMade: number, answeredOut: number): number | null {
  return callsMade > 0 ? answeredOut / callsMade : null;
}
