// Sign-in limits count an IPv6 client by its /64 (a household or a phone holds a whole /64).
import { describe, expect, it } from "vitest";
import { addressBucket } from "./sign-in-guard";

describe("addressBucket", () => {
  it("groups IPv6 addresses by /64 and leaves IPv4 alone", () => {
    expect(addressBucket("2001:db8:1:2::5")).toBe(addressBucket("2001:db8:1:2:ffff:ffff:ffff:1"));
    expect(addressBucket("2001:db8:1:2::5")).not.toBe(addressBucket("2001:db8:1:3::5"));
    expect(addressBucket("2001:db8:1:2::5")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("203.0.113.7")).toBe("203.0.113.7");
  });
});
