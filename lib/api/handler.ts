// Thin route handlers: refuse cross-site mutations, resolve the actor, parse input, call one
// service, map errors once.
import "server-only";
import { after } from "next/server";
import type { z } from "zod";
import type { ApiScope } from "../api-keys/scopes";
import { apiKeyActor, bearerKey } from "../api-keys/service";
import { type Actor, requireActor } from "../auth/actor";
import { env } from "../env";
import { AppError, toErrorResponse, validationError, zodFieldErrors } from "../errors";
import { jsonTooDeep, MAX_JSON_DEPTH, readBodyText } from "../http/body";
import { withRequestContext } from "../http/request-context";
import { logger } from "../log";

type Params = Record<string, string | string[]>;
type Ctx = { params: Promise<Params> };

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Whether an Origin header names this app: APP_URL, or the host the request was sent to. */
function isOwnOrigin(origin: string, request: Request): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" and garbage
  }
  if (parsed.origin === new URL(env.APP_URL).origin) return true;
  const host = request.headers.get("host");
  return host !== null && parsed.host === host.toLowerCase();
}

/**
 * CSRF, without tokens: a mutation must be JSON (a cross-site form cannot send that without a
 * preflight we never grant) and, when the browser says where it comes from, come from us.
 */
export function assertSameOriginJson(request: Request): void {
  if (!MUTATING.has(request.method)) return;
  // A request with an API key carries no cookie we act on, and a browser cannot send the header
  // cross-site without a preflight we never grant: only the JSON rule applies.
  if (bearerKey(request.headers) === null) assertSameSite(request);
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request as JSON (Content-Type: application/json)", {
      fields: { "content-type": "must be application/json" },
    });
  }
}

function assertSameSite(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none")
    throw new AppError("FORBIDDEN", "Cross-site requests are refused", { fields: { "sec-fetch-site": "must be same-origin" } });
  const origin = request.headers.get("origin");
  if (origin !== null && !isOwnOrigin(origin, request))
    throw new AppError("FORBIDDEN", "Requests from other origins are refused", { fields: { origin: "must be this app" } });
}

/**
 * Every route handler's wrapper: the request context (id, client address), CSRF (unless the route
 * takes posts from elsewhere: `crossSite`, e.g. Smartflo's webhook, guarded by its own token), and
 * one error mapping (toErrorResponse).
 */
export function route<P extends Params = Params>(
  handler: (request: Request, params: P) => Promise<Response>,
  { crossSite = false }: { crossSite?: boolean } = {},
): (request: Request, ctx: Ctx) => Promise<Response> {
  return (request, ctx) =>
    withRequestContext(request.headers, async () => {
      try {
        if (!crossSite) assertSameOriginJson(request);
        return await handler(request, ((await ctx?.params) ?? {}) as P);
      } catch (error) {
        return toErrorResponse(error);
      }
    });
}

/**
 * A route that needs a signed-in user (401 otherwise), or an API key with `scope`: a key on a route
 * that names no scope, or another one, is refused (403), whatever else it may do.
 */
export function authed<P extends Params = Params>(
  handler: (args: { request: Request; actor: Actor; params: P }) => Promise<Response>,
  { scope = null }: { scope?: ApiScope | null } = {},
) {
  return route<P>(async (request, params) => {
    const key = bearerKey(request.headers);
    const actor = key !== null ? await apiKeyActor(key, scope, request.headers) : await requireActor(request.headers);
    return handler({ request, actor, params });
  });
}

export const MAX_JSON_BYTES = 64 * 1024;

/** The path of the first string holding a NUL character (PostgreSQL's text refuses it), if any. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = nulPath(v, `${path}.${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = k.includes("\u0000") ? `${path}.${k}` : nulPath(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

function refuseNul(value: unknown): void {
  const path = nulPath(value, "");
  if (path !== null) throw validationError({ [path.slice(1) || "body"]: "must not contain NUL characters" });
}

export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_JSON_BYTES): Promise<z.infer<S>> {
  const { text } = await readBodyText(request, maxBytes);
  if (text === null) throw new AppError("PAYLOAD_TOO_LARGE", `Body is larger than ${maxBytes} bytes`);
  if (jsonTooDeep(text))
    throw new AppError("BAD_REQUEST", `Body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`, {
      fields: { body: `must nest at most ${MAX_JSON_DEPTH} levels` },
    });
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "Body is not valid JSON", { fields: { body: "must be valid JSON" } });
  }
  refuseNul(body);
  return parseInput(schema, body);
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(zodFieldErrors(result.error));
  return result.data;
}

/** The query string as a record; a NUL character in it is the client's error (422 naming the parameter). */
export function searchParams(request: Request): Record<string, string> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  refuseNul(params);
  return params;
}

/** Work after the response is sent (Next's `after`); runs detached outside a request scope (tests, scripts). */
export function afterResponse(task: () => Promise<unknown>): void {
  try {
    after(task);
  } catch {
    void task().catch((error: unknown) => logger.error({ err: error }, "background task after the response failed"));
  }
}
