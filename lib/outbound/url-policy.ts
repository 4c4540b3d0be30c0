// Where outgoing webhooks may go: https to public addresses (checked again at connect time by the
// SSRF-safe fetch, so a name cannot resolve to an office or cloud-metadata address). http and
// private or loopback addresses (a receiver on this machine) outside production, or in production
// with OUTGOING_WEBHOOKS_ALLOW_PRIVATE=1.
import "server-only";
import { env, isOn } from "../env";
import type { OriginVerdict } from "../http/safe-fetch";

export const privateEndpointsAllowed = () => env.NODE_ENV !== "production" || isOn(env.OUTGOING_WEBHOOKS_ALLOW_PRIVATE);

export function endpointVerdict(url: URL): OriginVerdict {
  if (url.username || url.password)
    return { allowed: false, reason: "must not carry a user name or password (put a token in the path or query)" };
  const loose = privateEndpointsAllowed();
  if (url.protocol === "https:") return { allowed: true, publicOnly: !loose };
  if (url.protocol === "http:" && loose) return { allowed: true, publicOnly: false };
  return { allowed: false, reason: loose ? "must be an http or https address" : "must be an https address" };
}

/** Null when the endpoint URL may be used, else what is wrong with it (for the `url` field). */
export function endpointUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be a URL such as https://example.com/hooks/crm";
  }
  const verdict = endpointVerdict(url);
  return verdict.allowed ? null : verdict.reason;
}
