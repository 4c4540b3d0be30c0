// Every page gets a fresh CSP nonce (Next.js adds it to its own scripts) and the security headers.
// API routes and static files get theirs from next.config.ts, without running this per request.
import { type NextRequest, NextResponse } from "next/server";
import { pageContentSecurityPolicy, securityHeaders } from "./lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const appUrl = process.env.APP_URL ?? "http://localhost:3000";
  // Hosted lead forms (/f/<slug>) are meant to be framed by the company's own sites.
  const embeddable = request.nextUrl.pathname.startsWith("/f/");
  const csp = pageContentSecurityPolicy({ nonce, appUrl, dev: process.env.NODE_ENV === "development", embeddable });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders(appUrl))) response.headers.set(name, value);
  if (embeddable) response.headers.delete("X-Frame-Options");
  return response;
}

export const config = {
  // Pages only: not the API, not Next.js's static files.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.svg).*)" }],
};
