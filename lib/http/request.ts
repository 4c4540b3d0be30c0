// A plain HTTP(S) request for our calls to outside APIs (Smartflo), on node:http with kept-alive
// connections. Inside a Next.js server the global fetch is Next's patched one (its cache and
// tracing), over undici's Request, Response and stream objects: about 0.5 ms more CPU a request
// than this in a plain process, and more within a route (scripts/bench/click-to-call.ts).
import "server-only";
import http from "node:http";
import https from "node:https";

export interface PlainResponse {
  status: number;
  ok: boolean;
  /** A header's value (names are case-insensitive), or null. */
  header(name: string): string | null;
  text: string;
}

export class RequestTimeoutError extends Error {
  override name = "TimeoutError";
}

// An idle connection is closed after 4 s (as undici's fetch does), before a server's usual 5 s
// keep-alive ends it under a request being sent.
const agents = {
  "http:": new http.Agent({ keepAlive: true, timeout: 4000 }),
  "https:": new https.Agent({ keepAlive: true, timeout: 4000 }),
};

/** The largest answer read (Smartflo's lists are a few hundred KB at most); more fails the request. */
const MAX_BODY_CHARS = 10 * 1024 * 1024;

/**
 * One request; the whole of it (connecting, sending, the answer's body) within timeoutMs, or a
 * RequestTimeoutError. Network failures reject with the socket's error.
 */
export function plainRequest(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number },
): Promise<PlainResponse> {
  const protocol = url.protocol === "https:" ? https : http;
  const agent = url.protocol === "https:" ? agents["https:"] : agents["http:"];
  const headers: Record<string, string | number> = { ...init.headers };
  if (init.body !== undefined) headers["Content-Length"] = Buffer.byteLength(init.body);
  return new Promise((resolve, reject) => {
    let settled = false;
    const req = protocol.request(url, { method: init.method, headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        if (text.length > MAX_BODY_CHARS) {
          const error = new Error(`the answer is larger than ${MAX_BODY_CHARS} characters`);
          fail(error);
          req.destroy(error);
        }
      });
      res.on("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        resolve({
          status,
          ok: status >= 200 && status < 300,
          header: (name) => {
            const value = res.headers[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
          },
          text,
        });
      });
      res.on("error", fail);
    });
    function fail(error: Error) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    }
    const timer = setTimeout(() => {
      const error = new RequestTimeoutError(`no answer within ${init.timeoutMs} ms`);
      fail(error);
      req.destroy(error);
    }, init.timeoutMs);
    req.on("error", fail);
    req.end(init.body);
  });
}
