// Decodes a raw webhook delivery (JSON, form-encoded, or query string) into a plain object.
import { jsonTooDeep, MAX_JSON_DEPTH } from "../http/body";

export type ParsedDelivery = { ok: true; payload: Record<string, unknown> } | { ok: false; error: string };

function fromSearchParams(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (k !== "token" && !(k in out)) out[k] = v;
  return out;
}

function looksLikeForm(body: string) {
  return /^[^=&{}[\]\s]+=[^&]*(&[^=&]+=[^&]*)*$/s.test(body.trim());
}

export function parseDelivery(input: { method: string; contentType: string | null; body: string; query: URLSearchParams }): ParsedDelivery {
  const query = fromSearchParams(input.query);
  const body = input.body.trim();
  if (!body) {
    if (Object.keys(query).length === 0) return { ok: false, error: "empty delivery: no body and no query parameters" };
    return { ok: true, payload: query };
  }
  const type = (input.contentType ?? "").toLowerCase();
  const tryJson = type.includes("json") || body.startsWith("{") || body.startsWith("[");
  if (tryJson) {
    // Kept (raw) and marked unreadable, never a crash: nothing of ours recurses into it.
    if (jsonTooDeep(body)) return { ok: false, error: `body is nested more than ${MAX_JSON_DEPTH} levels deep: not read` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      if (!type.includes("json") && looksLikeForm(body))
        return { ok: true, payload: { ...query, ...fromSearchParams(new URLSearchParams(body)) } };
      return { ok: false, error: "body is not valid JSON" };
    }
    // Some templates wrap the payload in a one-element array.
    if (Array.isArray(parsed) && parsed.length === 1 && typeof parsed[0] === "object" && parsed[0] !== null && !Array.isArray(parsed[0]))
      parsed = parsed[0];
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { ok: false, error: "body must be a JSON object" };
    return { ok: true, payload: { ...query, ...(parsed as Record<string, unknown>) } };
  }
  if (type.includes("x-www-form-urlencoded") || looksLikeForm(body)) {
    return { ok: true, payload: { ...query, ...fromSearchParams(new URLSearchParams(body)) } };
  }
  return { ok: false, error: `cannot read a ${type || "body without a content type"}: send JSON or form-encoded fields` };
}

/**
 * `value` as JSON text for a jsonb parameter, with sanitizeForPostgres's replacement done on the text:
 * JSON.stringify writes a NUL as the escape \u0000, and only an escape (an odd run of backslashes
 * before it) is one. One pass over the text instead of a copy of every value.
 */
export function jsonForPostgres(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes("\\u0000") ? text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, "$1\uFFFD") : text;
}

/** PostgreSQL text and jsonb cannot hold NUL characters: replace them so nothing is refused. */
export function sanitizeForPostgres<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll("\u0000", "\uFFFD") as T;
  if (Array.isArray(value)) return value.map(sanitizeForPostgres) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[sanitizeForPostgres(k)] = sanitizeForPostgres(v);
    return out as T;
  }
  return value;
}
