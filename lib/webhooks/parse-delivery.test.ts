import { describe, expect, it } from "vitest";
import { jsonForPostgres, parseDelivery, sanitizeForPostgres } from "./parse-delivery";

describe("jsonForPostgres", () => {
  const cases: unknown[] = [
    { plain: "no NUL here", n: 1, nested: [true, null, { x: "y" }] },
    { nul: "a\u0000b", ["k\u0000ey"]: "v" },
    // A backslash before the NUL, and text that only looks like the escape: a literal backslash then u0000.
    { slash: "\\\u0000", literal: "\\u0000", both: "\\\\u0000\u0000", many: "\u0000\u0000\u0000" },
    ["\u0000", "\\", "\\\\\u0000"],
  ];
  it.each(cases)("is the JSON of the sanitised value (%#)", (value) => {
    const text = jsonForPostgres(value);
    expect(text).toBe(JSON.stringify(sanitizeForPostgres(value)));
    expect(JSON.parse(text)).toEqual(sanitizeForPostgres(value));
    expect(text).not.toMatch(/(?<!\\)(?:\\\\)*\\u0000/);
  });
});

describe("parseDelivery", () => {
  const query = new URLSearchParams("token=secret&source=q");
  it("reads JSON, form bodies and the query, never the token", () => {
    expect(parseDelivery({ method: "POST", contentType: "application/json", body: '{"call_id":"1"}', query })).toEqual({
      ok: true,
      payload: { source: "q", call_id: "1" },
    });
    expect(parseDelivery({ method: "POST", contentType: null, body: "call_id=1&status=answered", query })).toEqual({
      ok: true,
      payload: { source: "q", call_id: "1", status: "answered" },
    });
    expect(parseDelivery({ method: "POST", contentType: "application/json", body: "{nope", query }).ok).toBe(false);
  });
});
