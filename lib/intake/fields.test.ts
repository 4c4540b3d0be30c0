import { describe, expect, it } from "vitest";
import { attributionOf, flattenKeys, isConsent, readFields } from "./fields";

describe("readFields", () => {
  it("finds the usual names at any depth, any case or separator; the shallowest wins", () => {
    const payload = {
      "Full Name": "Meera Iyer",
      contact: { Mobile_Number: "98100 15838", email: "m@x.in" },
      data: { name: "inner" },
      UTM_Source: "fb",
    };
    expect(readFields(payload)).toMatchObject({ name: "Meera Iyer", phone: "98100 15838", email: "m@x.in", utmSource: "fb" });
  });

  it("uses a source's mapping (dotted paths, array items) before the usual names, and its constants last", () => {
    const payload = { name: "ignored", answers: [{ v: "Kiran" }, { v: "+91 98100 15838" }], campaign: "c1" };
    const values = readFields(payload, { name: "answers.0.v", phone: "answers.1.v" }, { subSource: "fixed", city: "Pune" });
    expect(values).toMatchObject({ name: "Kiran", phone: "+91 98100 15838", subSource: "c1", city: "Pune" });
  });

  it("joins first and last names, and keeps long texts within bounds", () => {
    expect(readFields({ first_name: "Arjun", last_name: "Nair" }).name).toBe("Arjun Nair");
    expect(readFields({ message: "x".repeat(5000) }).message).toHaveLength(2000);
  });

  it("reads consent the way forms send it, and keeps only the attribution given", () => {
    expect(["yes", "on", "1", "TRUE", "agreed"].every(isConsent)).toBe(true);
    expect(["no", "", "0", undefined].some(isConsent)).toBe(false);
    expect(attributionOf({ utmSource: "g", referrer: "https://a" })).toEqual({ utmSource: "g", referrer: "https://a" });
    expect(attributionOf({ name: "x" })).toBeNull();
  });

  it("lists every scalar by its path (what the mapping screen offers)", () => {
    expect(flattenKeys({ a: { b: 1, c: [2, 3] }, d: null, e: true })).toEqual({ "a.b": "1", "a.c": "2, 3", e: "true" });
  });
});
