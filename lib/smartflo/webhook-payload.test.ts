import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDelivery } from "../webhooks/parse-delivery";
import { hangupTemplate } from "./__fixtures__/deliveries";
import { parseIstStamp } from "./time";
import { flattenPayload, mapDirection, normalizeWebhook } from "./webhook-payload";

describe("normalizeWebhook", () => {
  it("reads the full template: IST stamps to UTC, E.164 phones, talk time from outbound_sec", () => {
    const ev = normalizeWebhook(
      flattenPayload(
        hangupTemplate({
          call_to_number: "9876543210",
          answered_agent_number: "9000000001",
          call_id: "1775719461.306731",
          ref_id: "lead1234",
        }),
      ),
    );
    expect(ev).toMatchObject({
      callId: "1775719461.306731",
      refId: "lead1234",
      direction: "OUTBOUND",
      status: "COMPLETED",
      isFinal: true,
      customerNumber: "+919876543210",
      agentNumber: "9000000001",
      talkSeconds: 75,
      durationSeconds: 95,
      hangupCause: "NORMAL_CLEARING",
    });
    expect(ev.startedAt?.toISOString()).toBe("2026-11-24T08:32:11.000Z");
    expect(ev.endedAt?.toISOString()).toBe("2026-11-24T08:33:46.000Z");
  });

  it("reads the number an inbound caller dialled (ours, E.164) and the IVR keys, never a template placeholder", () => {
    const ev = normalizeWebhook(
      flattenPayload(
        hangupTemplate({ direction: "inbound", caller_id_number: "09876543210", call_to_number: "08069001234", digits_dialed: "1" }),
      ),
    );
    expect(ev).toMatchObject({ direction: "INBOUND", customerNumber: "+919876543210", dialledNumber: "+918069001234", ivrDigits: "1" });
    expect(
      normalizeWebhook(flattenPayload({ direction: "inbound", call_to_number: "080-6900-1234", digits_dialed: "2, 1" })),
    ).toMatchObject({
      dialledNumber: "+918069001234",
      ivrDigits: "2,1",
    });
    // The template's "$digits_dialed" (nothing pressed) and anything but keys say nothing.
    expect(normalizeWebhook(flattenPayload(hangupTemplate({ direction: "inbound" }))).ivrDigits).toBeNull();
    expect(normalizeWebhook(flattenPayload({ direction: "inbound", digits_dialed: "sales" })).ivrDigits).toBeNull();
    // On an outbound call, call_to_number is the customer: no number of ours was dialled.
    const out = normalizeWebhook(flattenPayload(hangupTemplate({ call_to_number: "9876543210" })));
    expect(out).toMatchObject({ customerNumber: "+919876543210", dialledNumber: null });
  });

  it("never takes the company's caller id as the customer of an outbound call", () => {
    const ev = normalizeWebhook(
      flattenPayload(hangupTemplate({ call_to_number: "9876543210", "customer_no_with_prefix ": "$customer_no_with_prefix" })),
    );
    expect(ev.customerNumber).toBe("+919876543210");
  });

  it("treats $placeholders, blanks and 'null' as absent and trims keys", () => {
    expect(
      flattenPayload({ " a ": " 1 ", b: "$recording_url", c: "", d: "null", e: null, f: 3, "customer_no_with_prefix ": "919876543210" }),
    ).toEqual({
      a: "1",
      f: "3",
      customer_no_with_prefix: "919876543210",
    });
  });

  it.each([
    ["answered", "COMPLETED"],
    ["Answered by agent", "ANSWERED"],
    ["ANSWERED BY CUSTOMER", "ANSWERED"],
    ["Connected", "ANSWERED"],
    ["missed", "MISSED"],
    ["No Answer", "MISSED"],
    ["busy", "MISSED"],
    ["failed", "FAILED"],
  ])("maps call_status %j (no duration) to %s", (raw, status) => {
    const ev = normalizeWebhook(flattenPayload({ call_status: raw, call_id: "1.2", ...(raw === "answered" ? { duration: "10" } : {}) }));
    expect(ev.status).toBe(status);
    expect(ev.rawStatus).toBe(raw);
  });

  it.each([
    ["clicktocall", "OUTBOUND"],
    ["click_to_call", "OUTBOUND"],
    ["outbound", "OUTBOUND"],
    ["2", "OUTBOUND"],
    ["inbound", "INBOUND"],
    ["1", "INBOUND"],
    ["sideways", null],
  ])("maps direction %j to %s", (raw, dir) => expect(mapDirection(raw)).toBe(dir));

  it("reads 'Answered by agent' on a click-to-call as the customer now ringing", () => {
    expect(normalizeWebhook(flattenPayload({ call_status: "Answered by agent", direction: "clicktocall", call_id: "1.2" })).status).toBe(
      "RINGING",
    );
    expect(normalizeWebhook(flattenPayload({ call_status: "Answered by agent", direction: "inbound", call_id: "1.2" })).status).toBe(
      "ANSWERED",
    );
  });

  it("parses IST stamps and rejects nonsense", () => {
    expect(parseIstStamp("2026-01-01 05:30:00")?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(parseIstStamp("2026-13-01 05:30:00")).toBeNull();
    expect(parseIstStamp("yesterday")).toBeNull();
    expect(parseIstStamp("$start_stamp")).toBeNull();
  });
});

describe("properties", () => {
  it("normalizeWebhook(flattenPayload(x)) never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withTypedArray: true }), (x) => {
        normalizeWebhook(flattenPayload(x));
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on objects with Smartflo's keys and arbitrary string values", () => {
    const keys = Object.keys(hangupTemplate()).concat(["agent_number", "customer_number", "custom_identifier"]);
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(...keys),
          fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.integer().map(String), fc.constant("$x")),
        ),
        (x) => {
          const ev = normalizeWebhook(flattenPayload(x));
          expect(["RINGING", "ANSWERED", "COMPLETED", "MISSED", "FAILED"]).toContain(ev.status);
        },
      ),
      { numRuns: 2000 },
    );
  }, 30_000); // 2,000 generated payloads: seconds on a busy 2-core machine

  it("parseDelivery never throws on arbitrary bodies and content types", () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string()), fc.string(), (body, contentType, qs) => {
        parseDelivery({ method: "POST", contentType, body, query: new URLSearchParams(qs) });
      }),
      { numRuns: 2000 },
    );
  });
});
