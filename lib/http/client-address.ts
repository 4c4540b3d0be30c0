// The address a request came from, for rate limits and the audit log. A header is believed only
// when TRUSTED_PROXY_HEADER names it (the proxy in front of us sets it); otherwise the socket's
// address, which `npm start` (scripts/server.ts) stamps on every request. A client's own
// X-Forwarded-For is never taken at its word in production.
import "server-only";
import ipaddr from "ipaddr.js";
import { env } from "../env";
import { PEER_ADDRESS_HEADER, peerAddressStamped } from "./peer";

export const UNKNOWN_ADDRESS = "unknown";

/** A canonical textual address (IPv4-mapped IPv6 as IPv4), or null when it is not one. */
export function canonicalAddress(raw: string | null | undefined): string | null {
  const value = raw?.trim().replace(/^\[|\]$/g, "");
  if (!value || value.length > 64 || !ipaddr.isValid(value)) return null;
  const parsed = ipaddr.parse(value);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  return parsed.toString();
}

/** The last entry of a comma-separated proxy header: the address the nearest (trusted) proxy saw. */
const lastEntry = (value: string | null) =>
  value
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1) ?? null;

export function clientAddress(headers: Headers): string {
  if (env.TRUSTED_PROXY_HEADER) return canonicalAddress(lastEntry(headers.get(env.TRUSTED_PROXY_HEADER))) ?? UNKNOWN_ADDRESS;
  if (peerAddressStamped()) return canonicalAddress(headers.get(PEER_ADDRESS_HEADER)) ?? UNKNOWN_ADDRESS;
  // `next dev` and tests: Next.js's x-forwarded-for (the socket's address unless a client sent one).
  if (env.NODE_ENV !== "production") return canonicalAddress(lastEntry(headers.get("x-forwarded-for"))) ?? UNKNOWN_ADDRESS;
  return UNKNOWN_ADDRESS;
}
