// Drives route handlers the way Next.js does, with a real better-auth session cookie.

import { auth } from "../../lib/auth/better-auth";
import { parseJson } from "../../lib/queries/api";

export async function signIn(email: string, password: string): Promise<string> {
  const response = await auth.handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000" },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function call(
  handler: Handler,
  opts: {
    path: string;
    method?: string;
    cookie?: string;
    body?: unknown;
    rawBody?: string;
    params?: Record<string, string>;
    headers?: Record<string, string>;
  },
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  const method = opts.method ?? (body ? "POST" : "GET");
  // As the app's own client does: every mutation is JSON (the server refuses anything else).
  if (opts.body !== undefined || (method !== "GET" && opts.rawBody === undefined)) headers["content-type"] ??= "application/json";
  const response = await handler(new Request(`http://localhost:3000${opts.path}`, { method, headers, body }), {
    params: Promise.resolve(opts.params ?? {}),
  });
  const text = await bodyText(response);
  const json: any = text ? parseJson(text, text) : null;
  return { status: response.status, json, text, headers: response.headers };
}

/** The body; of an event stream (it never ends), what arrives in its first moments, then it is closed. */
async function bodyText(response: Response): Promise<string> {
  if (!response.headers.get("content-type")?.startsWith("text/event-stream") || !response.body) return response.text();
  const reader = response.body.getReader();
  const first = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 250))]);
  await reader.cancel();
  return first && !first.done ? new TextDecoder().decode(first.value) : "";
}
