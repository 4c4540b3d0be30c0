// Webhook bodies as a Smartflo account configures them: all strings, IST stamps, `$variables`
// left literal where they do not apply, and the default template's `"customer_no_with_prefix "` key.
import { formatIstStamp } from "../time";

export interface SimCall {
  callId: string;
  uuid: string;
  refId: string;
  customIdentifier: string | null;
  direction: "clicktocall" | "inbound";
  agentNumber: string;
  customerNumber: string;
  didNumber: string;
  /** Inbound: the keys the caller pressed in the IVR ("1"), sent as digits_dialed; null: none pressed. */
  digitsDialed: string | null;
  startedAt: Date;
  agentAnsweredAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  state: "agent-ringing" | "customer-ringing" | "answered" | "ended";
  outcome: "answered" | "missed" | null;
  hangupCause: string | null;
  talkSeconds: number;
  recordingUrl: string | null;
}

const literal = (name: string) => `$${name}`;
const stamp = (d: Date | null, name: string) => (d ? formatIstStamp(d) : literal(name));
const digits10 = (n: string) => n.replace(/\D/g, "").slice(-10);

function common(call: SimCall, echoCustomIdentifier: boolean) {
  return {
    call_id: call.callId,
    uuid: call.uuid,
    direction: call.direction,
    ref_id: call.direction === "inbound" ? "" : call.refId,
    ...(echoCustomIdentifier && call.customIdentifier ? { custom_identifier: call.customIdentifier } : {}),
  };
}

/** The live-progress triggers' body: who, which number, since when, and where the call stands. */
function progress(call: SimCall, echo: boolean, callStatus: string) {
  return {
    ...common(call, echo),
    agent_number: call.agentNumber,
    customer_number: digits10(call.customerNumber),
    start_stamp: stamp(call.startedAt, "start_stamp"),
    call_status: callStatus,
  };
}

export const dialedOnAgent = (call: SimCall, echo: boolean) => progress(call, echo, "Ringing");
export const answeredByAgent = (call: SimCall, echo: boolean) => progress(call, echo, "Answered by agent");
export const answeredByCustomer = (call: SimCall, echo: boolean) => ({
  ...progress(call, echo, "Answered by customer"),
  answer_stamp: stamp(call.answeredAt, "answer_stamp"),
});

/** "Call received on Server": an inbound call reached the DID, before any agent is rung. */
export const receivedOnServer = (call: SimCall, echo: boolean) => ({
  ...common(call, echo),
  caller_id_number: `0${digits10(call.customerNumber)}`,
  call_to_number: call.didNumber,
  start_stamp: stamp(call.startedAt, "start_stamp"),
  call_status: "Received",
});

/** The seed's 32-field "Call hangup (Missed or Answered)" template. */
export function hangup(call: SimCall, echo: boolean): Record<string, string> {
  const answered = call.outcome === "answered";
  const total = call.endedAt ? Math.round((call.endedAt.getTime() - call.startedAt.getTime()) / 1000) : 0;
  const inbound = call.direction === "inbound";
  const customer10 = digits10(call.customerNumber);
  const body: Record<string, string> = {
    uuid: call.uuid,
    call_to_number: inbound ? call.didNumber : customer10,
    caller_id_number: inbound ? `0${customer10}` : call.didNumber,
    start_stamp: stamp(call.startedAt, "start_stamp"),
    answer_stamp: answered ? stamp(call.answeredAt, "answer_stamp") : literal("answer_stamp"),
    end_stamp: stamp(call.endedAt, "end_stamp"),
    hangup_cause: call.hangupCause ?? "NORMAL_CLEARING",
    billsec: answered ? String(call.talkSeconds + 6) : "0",
    digits_dialed: inbound && call.digitsDialed ? call.digitsDialed : literal("digits_dialed"),
    direction: call.direction,
    duration: String(total),
    answered_agent: answered ? call.agentNumber : literal("answered_agent"),
    answered_agent_name: answered ? "Agent " + call.agentNumber.slice(-4) : literal("answered_agent_name"),
    answered_agent_number: answered ? call.agentNumber : literal("answered_agent_number"),
    missed_agent: answered ? literal("missed_agent") : call.agentNumber,
    call_flow: JSON.stringify([{ type: "agent", value: call.agentNumber }]),
    broadcast_lead_fields: literal("broadcast_lead_fields"),
    recording_url: answered && call.recordingUrl ? call.recordingUrl : literal("recording_url"),
    call_status: answered ? "answered" : "missed",
    call_id: call.callId,
    outbound_sec: answered && !inbound ? String(call.talkSeconds) : literal("outbound_sec"),
    agent_ring_time: "3",
    agent_transfer_ring_time: literal("agent_transfer_ring_time"),
    billing_circle: "Maharashtra",
    call_connected: answered ? "true" : "false",
    aws_call_recording_identifier: literal("aws_call_recording_identifier"),
    "customer_no_with_prefix ": `91${customer10}`,
    campaign_name: literal("campaign_name"),
    campaign_id: literal("campaign_id"),
    customer_ring_time: answered ? "8" : "30",
    reason_key: answered ? "Call Completed" : call.hangupCause === "USER_BUSY" ? "Busy" : "No Answer",
    ref_id: inbound ? "" : call.refId,
  };
  if (echo && call.customIdentifier) body.custom_identifier = call.customIdentifier;
  return body;
}

/** A call detail record as `/call/records` lists it. */
export function record(call: SimCall) {
  const answered = call.outcome === "answered";
  return {
    call_id: call.callId,
    uuid: call.uuid,
    direction: call.direction === "inbound" ? "inbound" : "outbound",
    status: answered ? "answered" : "missed",
    call_status: answered ? "answered" : "missed",
    agent_number: call.agentNumber,
    customer_number: digits10(call.customerNumber),
    start_stamp: formatIstStamp(call.startedAt),
    answer_stamp: answered && call.answeredAt ? formatIstStamp(call.answeredAt) : "",
    end_stamp: call.endedAt ? formatIstStamp(call.endedAt) : "",
    answered_seconds: answered ? String(call.talkSeconds) : "0",
    duration: call.endedAt ? String(Math.round((call.endedAt.getTime() - call.startedAt.getTime()) / 1000)) : "0",
    hangup_cause: call.hangupCause ?? "NORMAL_CLEARING",
    recording_url: answered ? call.recordingUrl : null,
    ref_id: call.refId,
    custom_identifier: call.customIdentifier,
  };
}
