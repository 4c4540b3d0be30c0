import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import nextConfig from "../../next.config";
import { proxy } from "../../proxy";
import { pageContentSecurityPolicy, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("gives every page a fresh nonce CSP and the fixed headers (proxy.ts)", () => {
    const first = proxy(new NextRequest("http://localhost:3000/leads"));
    const second = proxy(new NextRequest("http://localhost:3000/leads"));
    const csp = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{24}$/);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(csp).toContain("script-src 'self' 'nonce-");
    expect(csp).toContain("'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    // Next.js reads the nonce from the request's CSP to put it on its own scripts.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first.headers.get("permissions-policy")).toMatch(/camera=\(\), microphone=\(\)/);
  });

  it("sends HSTS and upgrade-insecure-requests only when APP_URL is https", () => {
    expect(securityHeaders("http://localhost:3000")["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders("https://crm.example.com")["Strict-Transport-Security"]).toMatch(/max-age=\d{8}/);
    expect(pageContentSecurityPolicy({ nonce: "n", appUrl: "https://crm.example.com", dev: false })).toContain("upgrade-insecure-requests");
    expect(pageContentSecurityPolicy({ nonce: "n", appUrl: "http://localhost:3000", dev: false })).not.toContain(
      "upgrade-insecure-requests",
    );
  });

  it("puts the fixed headers on every path and a deny-all CSP on API answers (next.config.ts)", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*")!;
    expect(all.headers.map((h) => h.key)).toEqual(
      expect.arrayContaining(["X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"]),
    );
    const api = rules.find((r) => r.source.startsWith("/api/"))!;
    expect(api.headers).toEqual([{ key: "Content-Security-Policy", value: expect.stringContaining("default-src 'none'") }]);
    const matches = (path: string) => new RegExp(`^${api.source.replace("/api/:path", "/api/")}$`).test(path);
    expect(matches("/api/v1/leads")).toBe(true);
    expect(matches("/api/v1/calls/abc/recording")).toBe(false);
  });
});
