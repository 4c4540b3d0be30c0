// Hang up: Smartflo ends the call; a provisional end state is kept until the hangup webhook brings
// the authoritative one (final over final wins).
import "server-only";
import type { Actor } from "../auth/actor";
import { callScope } from "../auth/policy";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { smartflo } from "../smartflo";
import { SmartfloError } from "../smartflo/errors";
import { type CallDto, callInclude, toCallDto } from "./dto";
import { applyOwnEvent } from "./own-events";
import { requireProviderCallId } from "./provider-call-id";
import { isActiveCallStatus } from "./status";

export async function hangupCall({ actor, callId }: { actor: Actor; callId: string }): Promise<CallDto> {
  const call = await db.call.findFirst({ where: { AND: [{ OR: [{ providerCallId: callId }, { id: callId }] }, callScope(actor)] } });
  if (!call) throw notFound("Call");
  if (!isActiveCallStatus(call.status)) throw new AppError("CONFLICT", "This call has already ended");
  const providerCallId = await requireProviderCallId(call);
  await hangupAtSmartflo(providerCallId);
  // Provisional end state; the hangup webhook brings the authoritative one (final over final wins),
  // and crm_apply_call_event ignores this one if Smartflo's final word came first.
  const now = new Date();
  const current = await db.call.findUniqueOrThrow({ where: { id: call.id }, select: { status: true, answeredAt: true } });
  if (isActiveCallStatus(current.status)) {
    const answered = current.status === "ANSWERED" || current.answeredAt !== null;
    await applyOwnEvent(call.id, "hangup", {
      status: answered ? "COMPLETED" : "MISSED",
      isFinal: true,
      endedAt: now,
      talkSeconds: answered && current.answeredAt ? Math.max(0, Math.round((now.getTime() - current.answeredAt.getTime()) / 1000)) : 0,
      hangupCause: "HANGUP_BY_AGENT",
    });
  }
  return toCallDto(await db.call.findUniqueOrThrow({ where: { id: call.id }, include: callInclude }));
}

/**
 * Asks Smartflo to end the call. A call can end at Smartflo (the customer hung up, nobody answered)
 * a moment before its hangup webhook reaches us; Smartflo then refuses the hang-up ("Call is not
 * active"). When it refuses and /live_calls no longer lists the call, the call is over: the
 * provisional end state stands and the webhook brings the final one. Any other failure is Smartflo's.
 */
async function hangupAtSmartflo(providerCallId: string): Promise<void> {
  try {
    await smartflo().hangup(providerCallId);
  } catch (error) {
    if (!(error instanceof SmartfloError) || error.code !== "REJECTED") throw error;
    const live = await smartflo()
      .liveCalls({ callId: providerCallId })
      .catch(() => null);
    if (live === null || live.some((c) => c.call_id === providerCallId)) throw error;
  }
}
