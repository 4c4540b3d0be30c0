// A corpus of realistic Smartflo webhook deliveries, as accounts configure them by hand.
// Placeholders filled per test: {{leadId}} {{phone10}} {{unknown10}} {{callId}} {{uuid}} {{ourCallId}} {{agentNumber}}.
// Every case runs through the real route handler against a real database (deliveries.db.test.ts).

export interface Delivery {
  method?: "POST" | "GET";
  contentType?: string | null;
  /** A string is sent as is; an object is JSON-encoded (form-encoded with that content type). */
  body?: string | Record<string, unknown> | unknown[];
  query?: Record<string, string>;
}

export interface Expectation {
  http: number;
  event?: "PROCESSED" | "DUPLICATE" | "UNMATCHED" | "REJECTED";
  call?: {
    status?: string;
    direction?: string;
    talkSeconds?: number | null;
    hasRecording?: boolean;
    providerCallId?: string;
    hangupCause?: string;
    /** Inbound: our number they dialled (E.164). */
    dialledNumber?: string | null;
    /** The IVR keys stored (null: none, e.g. the template's "$digits_dialed"). */
    ivrDigits?: string | null;
  };
  /** Calls on the lead after the deliveries. */
  calls?: number;
  leadStatus?: string;
  lastContacted?: boolean;
  leadCreated?: boolean;
}

export interface Case {
  name: string;
  /** Start with a NEW lead in another stage. */
  leadStatus?: string;
  /** Start with our own INITIATED click-to-call on the lead (custom_identifier = {{ourCallId}}). */
  pendingCall?: boolean;
  deliveries: Delivery[];
  expect: Expectation;
}

/** Smartflo's 32-field hangup template as the seed configured it (all strings). */
export function hangupTemplate(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    uuid: "{{uuid}}",
    call_to_number: "{{phone10}}",
    caller_id_number: "08069001234",
    start_stamp: "2026-11-24 14:02:11",
    answer_stamp: "2026-11-24 14:02:31",
    end_stamp: "2026-11-24 14:03:46",
    hangup_cause: "NORMAL_CLEARING",
    billsec: "95",
    digits_dialed: "$digits_dialed",
    direction: "clicktocall",
    duration: "95",
    answered_agent: "{{agentNumber}}",
    answered_agent_name: "Test Agent",
    answered_agent_number: "{{agentNumber}}",
    missed_agent: "$missed_agent",
    call_flow: '[{"type":"agent","value":"{{agentNumber}}"}]',
    broadcast_lead_fields: "$broadcast_lead_fields",
    recording_url: "https://recordings.example.com/{{uuid}}.mp3?token=abc",
    call_status: "answered",
    call_id: "{{callId}}",
    outbound_sec: "75",
    agent_ring_time: "5",
    agent_transfer_ring_time: "$agent_transfer_ring_time",
    billing_circle: "Karnataka",
    call_connected: "true",
    aws_call_recording_identifier: "$aws_call_recording_identifier",
    "customer_no_with_prefix ": "91{{phone10}}",
    campaign_name: "$campaign_name",
    campaign_id: "$campaign_id",
    customer_ring_time: "12",
    reason_key: "$reason_key",
    ref_id: "{{leadId}}",
    ...overrides,
  };
}

export const missedOutbound = () =>
  hangupTemplate({
    answer_stamp: "$answer_stamp",
    billsec: "0",
    outbound_sec: "0",
    duration: "30",
    call_status: "missed",
    hangup_cause: "NO_ANSWER",
    recording_url: "$recording_url",
    call_connected: "false",
    answered_agent_number: "$answered_agent_number",
  });

/**
 * The DID the corpus's inbound callers dial: one no test names a source for (the demo seed names the
 * simulator's, 08069001234), so a new caller's lead is an "Inbound call".
 */
export const CORPUS_DID = "08040001234";

export const inbound = (caller: string, overrides: Record<string, string> = {}) =>
  hangupTemplate({
    direction: "inbound",
    caller_id_number: caller,
    call_to_number: CORPUS_DID,
    "customer_no_with_prefix ": caller,
    ref_id: "",
    call_id: "{{callId}}",
    ...overrides,
  });

export const seedCurl = (overrides: Record<string, unknown> = {}) => ({
  call_id: "{{callId}}",
  call_status: "answered",
  direction: "outbound",
  duration: "45",
  ref_id: "{{leadId}}",
  agent_number: "{{agentNumber}}",
  customer_number: "{{phone10}}",
  ...overrides,
});

export const json = (body: Record<string, unknown> | unknown[]): Delivery => ({ body });
/** Form-encoded: the object is sent as `a=1&b=2` once its placeholders are filled. */
export const form = (fields: Record<string, string>): Delivery => ({ contentType: "application/x-www-form-urlencoded", body: fields });

// The cases built from these: delivery-cases.ts (deliveries.db.test.ts runs them all).
