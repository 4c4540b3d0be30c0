// The security headers every response carries. Pages get a nonce-based CSP from proxy.ts (Next.js
// puts the nonce on its own scripts); API routes and static files get the fixed set from
// next.config.ts. Pure: no imports of the app's environment module, so next.config.ts can use it.

const isHttps = (appUrl: string) => appUrl.startsWith("https://");

/**
 * For pages: scripts only with this request's nonce (and what they load), nothing framed, no plugins.
 * `embeddable` (hosted lead forms): any site may frame it, and after a submission the browser may
 * go on to the thank-you address an admin set.
 */
export function pageContentSecurityPolicy({
  nonce,
  appUrl,
  dev,
  embeddable = false,
}: {
  nonce: string;
  appUrl: string;
  dev: boolean;
  embeddable?: boolean;
}): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (charts, progress bars) are data, not code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "media-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    embeddable ? `form-action 'self' https:${dev || !isHttps(appUrl) ? " http:" : ""}` : "form-action 'self'",
    embeddable ? "frame-ancestors *" : "frame-ancestors 'none'",
    ...(isHttps(appUrl) ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** For API answers: nothing in them is ever a document to run. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Camera, microphone and the rest are off: the app dials through Smartflo, never the browser. */
export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "midi=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

export function securityHeaders(appUrl: string): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(isHttps(appUrl) ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
