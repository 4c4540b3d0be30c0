// What a request carries through everything it calls (AsyncLocalStorage): its id, for the logs,
// and where it came from, for the audit log. Set once by the route wrapper (lib/api/handler.ts).
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { clientAddress } from "./client-address";

/** Where a request came from, as the audit log keeps it. */
export interface RequestOrigin {
  ip: string;
  userAgent: string | null;
}

export interface RequestContext {
  requestId: string;
  origin: RequestOrigin;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestOrigin = (headers: Headers): RequestOrigin => ({
  ip: clientAddress(headers),
  userAgent: headers.get("user-agent")?.slice(0, 300) ?? null,
});

/** A request id a proxy passed on (x-request-id), if it looks like one; otherwise a new one. */
function requestIdOf(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && /^[\w.:-]{8,100}$/.test(given) ? given : randomUUID();
}

export function withRequestContext<T>(headers: Headers, fn: () => T): T {
  return storage.run({ requestId: requestIdOf(headers), origin: requestOrigin(headers) }, fn);
}

export const currentRequest = (): RequestContext | null => storage.getStore() ?? null;
