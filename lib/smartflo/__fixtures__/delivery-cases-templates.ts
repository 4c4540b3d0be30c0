// Delivery cases, part one: the seed's simulation test and its neighbours, the full 32-field template.
import { type Case, form, hangupTemplate, json, missedOutbound, seedCurl } from "./deliveries";

export const templateCases: Case[] = [
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
];
