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

const missedOutbound = () =>
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

const inbound = (caller: string, overrides: Record<string, string> = {}) =>
  hangupTemplate({
    direction: "inbound",
    caller_id_number: caller,
    call_to_number: "08069001234",
    "customer_no_with_prefix ": caller,
    ref_id: "",
    call_id: "{{callId}}",
    ...overrides,
  });

const seedCurl = (overrides: Record<string, unknown> = {}) => ({
  call_id: "{{callId}}",
  call_status: "answered",
  direction: "outbound",
  duration: "45",
  ref_id: "{{leadId}}",
  agent_number: "{{agentNumber}}",
  customer_number: "{{phone10}}",
  ...overrides,
});

const json = (body: Record<string, unknown> | unknown[]): Delivery => ({ body });
/** Form-encoded: the object is sent as `a=1&b=2` once its placeholders are filled. */
const form = (fields: Record<string, string>): Delivery => ({ contentType: "application/x-www-form-urlencoded", body: fields });

export const cases: Case[] = [
  // --- the seed's simulation test and its neighbours ---
  {
    name: "seed curl: answered 45 s outbound",
    deliveries: [json(seedCurl())],
    expect: {
      http: 200,
      event: "PROCESSED",
      call: { status: "COMPLETED", direction: "OUTBOUND", talkSeconds: 45 },
      leadStatus: "CONTACTED",
      lastContacted: true,
    },
  },
  {
    name: "seed curl with numbers as numbers",
    deliveries: [json(seedCurl({ duration: 45 }))],
    expect: { http: 200, event: "PROCESSED", call: { talkSeconds: 45 }, leadStatus: "CONTACTED" },
  },
  {
    name: "seed curl, exactly 30 s: no status change",
    deliveries: [json(seedCurl({ duration: "30" }))],
    expect: { http: 200, event: "PROCESSED", call: { status: "COMPLETED", talkSeconds: 30 }, leadStatus: "NEW", lastContacted: true },
  },
  {
    name: "seed curl, 31 s: contacted",
    deliveries: [json(seedCurl({ duration: "31" }))],
    expect: { http: 200, event: "PROCESSED", leadStatus: "CONTACTED" },
  },
  {
    name: "seed curl on a QUALIFIED lead: never downgraded",
    leadStatus: "QUALIFIED",
    deliveries: [json(seedCurl())],
    expect: { http: 200, event: "PROCESSED", leadStatus: "QUALIFIED", lastContacted: true },
  },
  {
    name: "seed curl on a WON lead",
    leadStatus: "WON",
    deliveries: [json(seedCurl({ duration: "300" }))],
    expect: { http: 200, event: "PROCESSED", leadStatus: "WON" },
  },
  {
    name: "seed curl, missed",
    deliveries: [json(seedCurl({ call_status: "missed", duration: "0" }))],
    expect: { http: 200, event: "PROCESSED", call: { status: "MISSED", talkSeconds: 0 }, leadStatus: "NEW" },
  },
  {
    name: "seed curl with keys in another order and stray spaces",
    deliveries: [
      json({ " ref_id ": "{{leadId}}", "duration ": "50", " call_status": "Answered", direction: "outbound", call_id: "{{callId}}" }),
    ],
    expect: { http: 200, event: "PROCESSED", leadStatus: "CONTACTED" },
  },
  {
    name: "seed curl form-encoded",
    deliveries: [form(seedCurl() as Record<string, string>)],
    expect: { http: 200, event: "PROCESSED", leadStatus: "CONTACTED" },
  },
  {
    name: "seed curl as a GET query string",
    deliveries: [{ method: "GET", body: undefined, query: seedCurl() as Record<string, string> }],
    expect: { http: 200, event: "PROCESSED", leadStatus: "CONTACTED" },
  },
  {
    name: "seed curl without a content type",
    deliveries: [{ contentType: null, body: JSON.stringify(seedCurl()) }],
    expect: { http: 200, event: "PROCESSED", leadStatus: "CONTACTED" },
  },
  {
    name: "seed curl with text/plain",
    deliveries: [{ contentType: "text/plain", body: JSON.stringify(seedCurl()) }],
    expect: { http: 200, event: "PROCESSED", leadStatus: "CONTACTED" },
  },
  {
    name: "seed curl with null values",
    deliveries: [json(seedCurl({ customer_number: null, agent_number: null }))],
    expect: { http: 200, event: "PROCESSED", leadStatus: "CONTACTED" },
  },

  // --- the full 32-field template ---
  {
    name: "full template: answered click-to-call with recording",
    deliveries: [json(hangupTemplate())],
    expect: {
      http: 200,
      event: "PROCESSED",
      call: {
        status: "COMPLETED",
        direction: "OUTBOUND",
        talkSeconds: 75,
        hasRecording: true,
        providerCallId: "{{callId}}",
        hangupCause: "NORMAL_CLEARING",
      },
      leadStatus: "CONTACTED",
    },
  },
  {
    name: "full template: outbound_sec preferred over billsec",
    deliveries: [json(hangupTemplate({ billsec: "95", outbound_sec: "20" }))],
    expect: { http: 200, event: "PROCESSED", call: { talkSeconds: 20 }, leadStatus: "NEW" },
  },
  {
    name: "full template: $outbound_sec literal falls back to billsec",
    deliveries: [json(hangupTemplate({ outbound_sec: "$outbound_sec", billsec: "40" }))],
    expect: { http: 200, event: "PROCESSED", call: { talkSeconds: 40 }, leadStatus: "CONTACTED" },
  },
  {
    name: "full template: missed with $literals",
    deliveries: [json(missedOutbound())],
    expect: {
      http: 200,
      event: "PROCESSED",
      call: { status: "MISSED", talkSeconds: 0, hasRecording: false },
      leadStatus: "NEW",
      lastContacted: true,
    },
  },
  {
    name: "full template: 'Answered by customer'",
    deliveries: [json(hangupTemplate({ call_status: "Answered by customer" }))],
    expect: { http: 200, event: "PROCESSED", call: { status: "COMPLETED" } },
  },
  {
    name: "full template: 'Connected'",
    deliveries: [json(hangupTemplate({ call_status: "Connected" }))],
    expect: { http: 200, event: "PROCESSED", call: { status: "COMPLETED" } },
  },
  {
    name: "full template: direction click_to_call",
    deliveries: [json(hangupTemplate({ direction: "click_to_call" }))],
    expect: { http: 200, event: "PROCESSED", call: { direction: "OUTBOUND" } },
  },
  {
    name: "full template: busy customer",
    deliveries: [
      json(hangupTemplate({ call_status: "busy", hangup_cause: "USER_BUSY", billsec: "0", outbound_sec: "0", answer_stamp: "" })),
    ],
    expect: { http: 200, event: "PROCESSED", call: { status: "MISSED" } },
  },
  {
    name: "full template: empty ref_id matched by phone",
    deliveries: [json(hangupTemplate({ ref_id: "" }))],
    expect: { http: 200, event: "PROCESSED", call: { status: "COMPLETED" }, leadStatus: "CONTACTED" },
  },
  {
    name: "full template, form-encoded",
    deliveries: [form(hangupTemplate())],
    expect: { http: 200, event: "PROCESSED", call: { status: "COMPLETED", talkSeconds: 75 } },
  },
  {
    name: "full template as GET",
    deliveries: [{ method: "GET", query: hangupTemplate() }],
    expect: { http: 200, event: "PROCESSED", call: { status: "COMPLETED" } },
  },
  {
    name: "payload wrapped in a one-element array",
    deliveries: [json([seedCurl()])],
    expect: { http: 200, event: "PROCESSED", leadStatus: "CONTACTED" },
  },

  // --- our click-to-call correlated ---
  {
    name: "custom_identifier finds our pending call",
    pendingCall: true,
    deliveries: [json(hangupTemplate({ custom_identifier: "{{ourCallId}}", ref_id: "" }))],
    expect: { http: 200, event: "PROCESSED", calls: 1, call: { status: "COMPLETED", providerCallId: "{{callId}}" } },
  },
  {
    name: "no custom_identifier: pending call found by lead",
    pendingCall: true,
    deliveries: [json(hangupTemplate())],
    expect: { http: 200, event: "PROCESSED", calls: 1, call: { status: "COMPLETED" } },
  },
  {
    name: "answered then hangup: one call",
    pendingCall: true,
    deliveries: [
      json({
        call_id: "{{callId}}",
        custom_identifier: "{{ourCallId}}",
        call_status: "Answered by customer",
        direction: "clicktocall",
        answer_stamp: "2026-11-24 14:02:31",
      }),
      json(hangupTemplate({ custom_identifier: "{{ourCallId}}" })),
    ],
    expect: { http: 200, event: "PROCESSED", calls: 1, call: { status: "COMPLETED", talkSeconds: 75 } },
  },
  {
    name: "dialed on agent (ringing) only",
    pendingCall: true,
    deliveries: [
      json({
        call_id: "{{callId}}",
        custom_identifier: "{{ourCallId}}",
        direction: "clicktocall",
        agent_number: "{{agentNumber}}",
        start_stamp: "2026-11-24 14:02:11",
      }),
    ],
    expect: { http: 200, event: "PROCESSED", calls: 1, call: { status: "RINGING", providerCallId: "{{callId}}" } },
  },

  // --- duplicates and out of order ---
  {
    name: "the same hangup three times",
    deliveries: [json(hangupTemplate()), json(hangupTemplate()), json(hangupTemplate())],
    expect: { http: 200, event: "DUPLICATE", calls: 1, call: { status: "COMPLETED" }, leadStatus: "CONTACTED" },
  },
  {
    name: "hangup before answered: final state kept",
    deliveries: [
      json(hangupTemplate()),
      json({ call_id: "{{callId}}", call_status: "answered by agent", direction: "clicktocall", ref_id: "{{leadId}}" }),
    ],
    expect: { http: 200, event: "PROCESSED", calls: 1, call: { status: "COMPLETED", talkSeconds: 75 } },
  },
  {
    name: "hangup before dialed-on-agent",
    deliveries: [
      json(missedOutbound()),
      json({ call_id: "{{callId}}", direction: "clicktocall", ref_id: "{{leadId}}", start_stamp: "2026-11-24 14:02:11" }),
    ],
    expect: { http: 200, event: "PROCESSED", calls: 1, call: { status: "MISSED" } },
  },

  // --- inbound in every phone format ---
  {
    name: "inbound from 10 digits",
    deliveries: [json(inbound("{{phone10}}"))],
    expect: { http: 200, event: "PROCESSED", call: { direction: "INBOUND", status: "COMPLETED" }, leadStatus: "CONTACTED" },
  },
  {
    name: "inbound from 0-prefixed",
    deliveries: [json(inbound("0{{phone10}}"))],
    expect: { http: 200, event: "PROCESSED", call: { direction: "INBOUND" } },
  },
  {
    name: "inbound from 91-prefixed",
    deliveries: [json(inbound("91{{phone10}}"))],
    expect: { http: 200, event: "PROCESSED", call: { direction: "INBOUND" } },
  },
  {
    name: "inbound from +91",
    deliveries: [json(inbound("+91{{phone10}}"))],
    expect: { http: 200, event: "PROCESSED", call: { direction: "INBOUND" } },
  },
  {
    name: "inbound missed",
    deliveries: [
      json(
        inbound("{{phone10}}", {
          call_status: "missed",
          answer_stamp: "$answer_stamp",
          billsec: "0",
          outbound_sec: "$outbound_sec",
          recording_url: "$recording_url",
        }),
      ),
    ],
    expect: { http: 200, event: "PROCESSED", call: { direction: "INBOUND", status: "MISSED", hasRecording: false }, leadStatus: "NEW" },
  },
  {
    name: "inbound from an unknown number creates a lead",
    deliveries: [json(inbound("{{unknown10}}"))],
    expect: { http: 200, event: "PROCESSED", leadCreated: true },
  },
  {
    name: "direction numeric 1 (inbound)",
    deliveries: [json(inbound("{{phone10}}", { direction: "1" }))],
    expect: { http: 200, event: "PROCESSED", call: { direction: "INBOUND" } },
  },

  // --- nothing to match: kept, visible, not an error ---
  {
    name: "unknown lead id",
    deliveries: [json(seedCurl({ ref_id: "cl_does_not_exist_123", customer_number: "" }))],
    expect: { http: 200, event: "UNMATCHED" },
  },
  {
    name: "outbound to an unknown number",
    deliveries: [json(seedCurl({ ref_id: "", customer_number: "6000000001" }))],
    expect: { http: 200, event: "UNMATCHED" },
  },
  {
    name: "all placeholders",
    deliveries: [json({ call_id: "$call_id", ref_id: "$ref_id", call_status: "$call_status" })],
    expect: { http: 200, event: "UNMATCHED" },
  },
  { name: "empty object", deliveries: [json({})], expect: { http: 200, event: "UNMATCHED" } },

  // --- hostile input: stored inert, answered 4xx or 200, never 5xx ---
  {
    name: "malformed JSON",
    deliveries: [{ contentType: "application/json", body: '{"call_id": "x", ' }],
    expect: { http: 400, event: "REJECTED" },
  },
  { name: "JSON array of numbers", deliveries: [json([1, 2, 3])], expect: { http: 400, event: "REJECTED" } },
  { name: "JSON string", deliveries: [{ contentType: "application/json", body: '"hello"' }], expect: { http: 400, event: "REJECTED" } },
  {
    name: "XML",
    deliveries: [{ contentType: "application/xml", body: "<call><id>1</id></call>" }],
    expect: { http: 400, event: "REJECTED" },
  },
  { name: "empty body, no query", deliveries: [{ contentType: "application/json", body: "" }], expect: { http: 400, event: "REJECTED" } },
  {
    name: "odd bytes and NUL characters",
    deliveries: [
      { contentType: "application/json", body: JSON.stringify(seedCurl({ answered_agent_name: "A\u0000gent \uD83D\uDCDE \u202E" })) },
    ],
    expect: { http: 200, event: "PROCESSED", leadStatus: "CONTACTED" },
  },
  {
    name: "script and SQL-looking strings stay inert",
    deliveries: [json(seedCurl({ answered_agent_name: "<script>alert(1)</script>", campaign_name: "'; DROP TABLE lead; --" }))],
    expect: { http: 200, event: "PROCESSED", leadStatus: "CONTACTED" },
  },
  {
    name: "SQL in ref_id",
    deliveries: [json(seedCurl({ ref_id: "1' OR '1'='1", customer_number: "" }))],
    expect: { http: 200, event: "UNMATCHED" },
  },
  {
    name: "nested objects and huge numbers",
    deliveries: [json(seedCurl({ extra: { deep: [1, { x: 2 }] }, duration: 1e308 }))],
    expect: { http: 200, event: "PROCESSED" },
  },
  { name: "body over 256 KB", deliveries: [json(seedCurl({ padding: "x".repeat(300 * 1024) }))], expect: { http: 413, event: "REJECTED" } },
];
