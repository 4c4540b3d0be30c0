// A small client for Meta's Graph API (META_GRAPH_URL: graph.facebook.com/v23.0, or the simulator's).
// Errors are sorted the way the retry policy needs: an expired or revoked token (an admin must act;
// retried meanwhile), throttling (retried later), Meta down, or a request Meta refuses for good.
import "server-only";
import { env } from "../env";

export type GraphErrorKind = "token" | "rate_limit" | "unavailable" | "refused";

export class GraphError extends Error {
  constructor(
    message: string,
    readonly kind: GraphErrorKind,
    readonly status: number,
  ) {
    super(message);
    this.name = "GraphError";
  }
}

/** Graph error codes: 190/102/463/467 tokens; 4, 17, 32, 613 and 80000-range request limits. */
function classify(status: number, code: number | undefined): GraphErrorKind {
  if (code === 190 || code === 102 || code === 463 || code === 467) return "token";
  if (status === 429 || code === 4 || code === 17 || code === 32 || code === 613 || (code !== undefined && code >= 80000 && code < 80100))
    return "rate_limit";
  if (status >= 500 || code === 1 || code === 2) return "unavailable";
  return "refused";
}

export const GRAPH_TIMEOUT_MS = 10_000;

/** GET <graph>/<path>?<params>&access_token=…: the answer's JSON and its raw text. The token never reaches a log. */
export async function graphGet<T>(path: string, params: Record<string, string>, token: string): Promise<{ json: T; text: string }> {
  const url = new URL(`${env.META_GRAPH_URL.replace(/\/$/, "")}/${path.replace(/^\//, "")}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  let response: Response;
  try {
    // The token as a header (Graph accepts both), so it is in no URL anything might print.
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(GRAPH_TIMEOUT_MS) });
  } catch (error) {
    throw new GraphError(
      `Meta did not answer (${(error as Error).name === "TimeoutError" ? "timed out" : "unreachable"})`,
      "unavailable",
      0,
    );
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: an outage page.
  }
  const error = (json as { error?: { message?: string; code?: number } } | null)?.error;
  if (!response.ok || error) {
    const kind = classify(response.status, error?.code);
    const what = {
      token: "the Page access token was refused",
      rate_limit: "too many requests",
      unavailable: "Meta is unavailable",
      refused: "Meta refused the request",
    }[kind];
    throw new GraphError(`${what}: ${error?.message ?? `HTTP ${response.status}`}`.slice(0, 300), kind, response.status);
  }
  return { json: json as T, text };
}
