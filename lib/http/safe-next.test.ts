import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

const origin = "https://crm.example.com";

describe("safeNextPath (where sign-in goes next)", () => {
  it.each([
    ["/leads?status=NEW#top", "/leads?status=NEW#top"],
    ["/settings/account", "/settings/account"],
    [null, "/"],
    ["", "/"],
  ])("keeps our own path %j", (next, expected) => {
    expect(safeNextPath(next, origin)).toBe(expected);
  });

  it.each([
    "//evil.com",
    "/\\evil.com",
    "\\\\evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "https://evil.com/x",
    "http://crm.example.com/x",
    "javascript:alert(1)",
    "//crm.example.com.evil.com/",
  ])("lands %j on our origin", (next) => {
    const target = new URL(safeNextPath(next, origin), origin);
    expect(target.origin).toBe(origin);
  });

  it("keeps an encoded tab as a path on our origin", () => {
    expect(new URL(safeNextPath("/%09/evil.com", origin), origin).origin).toBe(origin);
  });
});
