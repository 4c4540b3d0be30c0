import { describe, expect, it } from "vitest";
import { formatLocalPhone, last10Digits, normalizePhone } from "./phone";

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

describe("our numbers (DIDs)", () => {
  it.each(["08069001234", "080-6900-1234", "080 6900 1234", "+91 80 6900 1234", "918069001234"])("reads the landline %s", (input) => {
    expect(normalizePhone(input)).toEqual({ e164: "+918069001234", last10: "8069001234" });
  });

  it("writes them as an ad prints them: Indian numbers national, others international", () => {
    expect(formatLocalPhone("+918069001234")).toBe("080 6900 1234");
    expect(formatLocalPhone(normalizePhone("1800-123-4567")!.e164)).toBe("1800 123 4567");
    expect(formatLocalPhone("+14155552671")).toBe("+1 415 555 2671");
  });
});
