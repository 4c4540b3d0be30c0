// Fetching a URL that came from outside (a webhook's recording_url) without letting it reach into
// our network: only allowlisted origins, redirects followed by hand (each one checked again), and
// every address the host name resolves to checked at connect time (in the socket's own DNS lookup,
// so a name cannot resolve to a public address for the check and a private one for the connection).
import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import ipaddr from "ipaddr.js";

export type OriginVerdict =
  | { allowed: false; reason: string }
  | { allowed: true /** false for a known local service (the simulator) */; publicOnly: boolean };

export interface SafeFetchOptions {
  /** Decides for the first URL and for every redirect target. */
  originPolicy: (url: URL) => OriginVerdict;
  /** Headers for a given URL (e.g. credentials for one origin only). */
  headersFor?: (url: URL) => Promise<Record<string, string>> | Record<string, string>;
  maxRedirects?: number;
  timeoutMs?: number;
  /** GET (default), or POST with `body`: a POST's redirect is returned as the answer, never followed. */
  method?: "GET" | "POST";
  body?: string;
}

export class SafeFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SafeFetchError";
  }
}

/** Only ordinary public unicast addresses: no loopback, private, link-local (metadata), CGNAT, multicast or reserved. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup for sockets that refuses host names resolving to non-public addresses. */
function publicOnlyLookup(hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused || addresses.length === 0) {
      return callback(Object.assign(new Error(`${hostname} resolves to a non-public address`), { code: "EADDRNOTPUBLIC" }), []);
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

function once(
  url: URL,
  headers: Record<string, string>,
  publicOnly: boolean,
  timeoutMs: number,
  { method = "GET", body }: Pick<SafeFetchOptions, "method" | "body"> = {},
): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // An address literal never goes through DNS: check it here.
  if (publicOnly && ipaddr.isValid(host) && !isPublicAddress(host)) throw new SafeFetchError(`${host} is not a public address`);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers, timeout: timeoutMs, ...(publicOnly ? { lookup: publicOnlyLookup as never } : {}) }, resolve);
    req.on("timeout", () => req.destroy(new SafeFetchError(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    req.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error instanceof SafeFetchError
          ? error
          : new SafeFetchError(error.code === "EADDRNOTPUBLIC" ? error.message : `cannot connect (${error.code ?? error.message})`),
      ),
    );
    req.end(body);
  });
}

/** GET with manual redirects (or a POST, never redirected); the response body is the caller's to consume (or destroy). */
export async function safeFetch(raw: string, options: SafeFetchOptions): Promise<{ url: URL; response: IncomingMessage }> {
  const maxRedirects = options.maxRedirects ?? 3;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SafeFetchError("not a URL");
  }
  for (let hop = 0; ; hop++) {
    const verdict = options.originPolicy(url);
    if (!verdict.allowed) throw new SafeFetchError(verdict.reason);
    const response = await once(url, (await options.headersFor?.(url)) ?? {}, verdict.publicOnly, timeoutMs, options);
    const status = response.statusCode ?? 0;
    if (status < 300 || status >= 400 || status === 304 || options.method === "POST") return { url, response };
    response.resume();
    const location = response.headers.location;
    if (!location) throw new SafeFetchError(`redirect (HTTP ${status}) without a Location`);
    if (hop >= maxRedirects) throw new SafeFetchError(`more than ${maxRedirects} redirects`);
    try {
      url = new URL(location, url);
    } catch {
      throw new SafeFetchError("redirect to something that is not a URL");
    }
  }
}
