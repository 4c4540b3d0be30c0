// The Smartflo webhook triggers the CRM uses, with the body each should be configured with,
// and how a delivery is recognised as one of them (the payload does not say which trigger fired).
import type { NormalizedEvent } from "./webhook-payload";

export const TRIGGER_KEYS = ["hangup", "answered_by_customer", "dialed_on_agent", "answered_by_agent", "received_on_server"] as const;
export type TriggerKey = (typeof TRIGGER_KEYS)[number];

const HANGUP_FIELDS = [
  "uuid",
  "call_to_number",
  "caller_id_number",
  "start_stamp",
  "answer_stamp",
  "end_stamp",
  "hangup_cause",
  "billsec",
  "digits_dialed",
  "direction",
  "duration",
  "answered_agent",
  "answered_agent_name",
  "answered_agent_number",
  "missed_agent",
  "call_flow",
  "broadcast_lead_fields",
  "recording_url",
  "call_status",
  "call_id",
  "outbound_sec",
  "agent_ring_time",
  "agent_transfer_ring_time",
  "billing_circle",
  "call_connected",
  "aws_call_recording_identifier",
  "customer_no_with_prefix",
  "campaign_name",
  "campaign_id",
  "customer_ring_time",
  "reason_key",
  "ref_id",
  "custom_identifier",
];
/** Every trigger's body starts with the call's ids and ends with our references. */
const IDS = ["call_id", "uuid", "direction"];
const REFS = ["ref_id", "custom_identifier"];
const vars = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, `$${f}`]));

export const TRIGGERS: { key: TriggerKey; name: string; when: string; required: boolean; body: Record<string, string> }[] = [
  {
    key: "hangup",
    name: "Call hangup (Missed or Answered)",
    when: "Every call, inbound and outbound, answered or missed: logs it with talk time and recording. Configure it for both directions.",
    required: true,
    body: vars(HANGUP_FIELDS),
  },
  {
    key: "answered_by_customer",
    name: "Call Answered by Customer (Click to Call)",
    when: "The customer picked up: the page shows “In call” and Hangup works at once.",
    required: true,
    body: vars([...IDS, "call_status", "start_stamp", "answer_stamp", "answered_agent_number", "customer_no_with_prefix", ...REFS]),
  },
  {
    key: "dialed_on_agent",
    name: "Dialed on Agent",
    when: "The agent's phone is ringing: gives the call_id early, so Hangup works before anyone answers.",
    required: false,
    body: vars([...IDS, "start_stamp", "agent_number", "customer_no_with_prefix", ...REFS]),
  },
  {
    key: "answered_by_agent",
    name: "Call answered by Agent",
    when: "The agent picked up (click-to-call: the customer is rung next; inbound: the call is connected).",
    required: false,
    body: vars([...IDS, "call_status", "start_stamp", "answered_agent_number", "customer_no_with_prefix", ...REFS]),
  },
  {
    key: "received_on_server",
    name: "Call received on Server",
    when: "An inbound call reached your number, before any agent is rung: the caller pops up on their owner's screen at once.",
    required: false,
    body: vars([...IDS, "call_status", "start_stamp", "caller_id_number", "call_to_number", ...REFS]),
  },
];

export function classifyTrigger(event: NormalizedEvent): TriggerKey {
  if (event.isFinal) return "hangup";
  if (event.direction === "INBOUND" && !event.agentNumber && !event.answeredAt) return "received_on_server";
  if (event.rawStatus && /answered\s*by\s*agent/i.test(event.rawStatus)) return "answered_by_agent";
  if (event.status === "ANSWERED" || event.answeredAt) return "answered_by_customer";
  return "dialed_on_agent";
}
