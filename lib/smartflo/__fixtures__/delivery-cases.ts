// Delivery cases, part two: our click-to-call correlated, duplicates and out of order, inbound in
// every phone format, nothing to match, hostile input; then all cases in order.
import { type Case, hangupTemplate, inbound, json, missedOutbound, seedCurl } from "./deliveries";
import { templateCases } from "./delivery-cases-templates";

export const cases: Case[] = [
  ...templateCases,
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
    expect: {
      http: 200,
      event: "PROCESSED",
      call: { direction: "INBOUND", status: "MISSED", hasRecording: false, dialledNumber: "+918040001234", ivrDigits: null },
      leadStatus: "NEW",
    },
  },
  {
    name: "inbound from an unknown number creates a lead",
    deliveries: [json(inbound("{{unknown10}}"))],
    expect: { http: 200, event: "PROCESSED", leadCreated: true },
  },
  {
    name: "inbound, the caller pressed 1 in the IVR (digits_dialed filled in)",
    deliveries: [json(inbound("{{phone10}}", { digits_dialed: "1" }))],
    expect: {
      http: 200,
      event: "PROCESSED",
      call: { direction: "INBOUND", status: "COMPLETED", dialledNumber: "+918040001234", ivrDigits: "1" },
    },
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
