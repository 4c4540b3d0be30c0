// Our own side of a call we placed, as events: Smartflo accepting the click-to-call (with its
// call_id when it gives one), a /live_calls lookup finding the call, the agent's hang-up (a
// provisional end until Smartflo's hangup webhook brings the real one), Smartflo refusing the call.
// Each goes through crm_apply_call_event like a webhook, so one writer keeps a call's progress: the
// later stage wins, and the timeline entry, lastContactedAt, the CONTACTED rule and the call-back
// tasks hold on every path. The function ignores our side once Smartflo has said the call is over.
import "server-only";
import { db } from "../db";
import { isUniqueViolation } from "../errors";
import type { NormalizedEvent } from "../smartflo/normalized-event";
import { CONTACTED_MIN_TALK_SECONDS, eventJson } from "./apply-event";

export type OwnEventSource = Exclude<NormalizedEvent["source"], "webhook">;
type OwnEvent = Partial<Omit<NormalizedEvent, "source">> & Pick<NormalizedEvent, "status">;

const NOTHING_KNOWN: Omit<NormalizedEvent, "status" | "source"> = {
  callId: null,
  uuid: null,
  customIdentifier: null,
  refId: null,
  direction: null,
  rawDirection: null,
  rawStatus: null,
  isFinal: false,
  customerNumber: null,
  customerLast10: null,
  customerRaw: null,
  agentNumber: null,
  dialledNumber: null,
  ivrDigits: null,
  agentName: null,
  startedAt: null,
  answeredAt: null,
  endedAt: null,
  talkSeconds: null,
  ringSeconds: null,
  durationSeconds: null,
  recordingUrl: null,
  hangupCause: null,
  error: null,
};

async function apply(callId: string, ev: NormalizedEvent): Promise<void> {
  await db.$queryRaw`SELECT crm_apply_call_event(${callId}, NULL, ${eventJson(ev)}::jsonb, ${CONTACTED_MIN_TALK_SECONDS}::int)`;
}

/** Applies one event of our own side to a call we created (one statement: lock, merge, side effects). */
export async function applyOwnEvent(callId: string, source: OwnEventSource, event: OwnEvent): Promise<void> {
  const ev: NormalizedEvent = { ...NOTHING_KNOWN, ...event, source };
  try {
    await apply(callId, ev);
  } catch (error) {
    // Smartflo's call_id already names another call row (a webhook matched nothing and made its
    // own): this call keeps going without it; everything else still applies.
    if (!ev.callId || !isUniqueViolation(error)) throw error;
    await apply(callId, { ...ev, callId: null });
  }
}
