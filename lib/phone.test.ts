import { describe, expect, it } from "vitest";
import { last10Digits, normalizePhone } from "./phone";

describe("normalizePhone", () => {
  it.each([
    "9876543210",
    "09876543210",
    "919876543210",
    "+919876543210",
    "+91 98765 43210",
    "(+91) 98765-43210",
  ])("reads %s as +919876543210", (input) => {
    expect(normalizePhone(input)).toEqual({ e164: "+919876543210", last10: "9876543210" });
  });

  it("keeps numbers from other countries", () => {
    expect(normalizePhone("+1 415 555 2671")?.e164).toBe("+14155552671");
  });

  it.each(["", "123", "abc", "98765", "+91 12345", "1".repeat(30), "$customer_number"])("rejects %j", (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it("ignores non-strings", () => {
    expect(normalizePhone(undefined)).toBeNull();
    expect(normalizePhone(null)).toBeNull();
  });

  it("takes the last ten digits", () => {
    expect(last10Digits("+91 98765-43210")).toBe("9876543210");
  });
});
