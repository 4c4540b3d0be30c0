import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, securityHeaders } from "./lib/http/security-headers";

// Build-time headers (API answers and static files; pages get theirs, with a nonce, from proxy.ts).
const headers = Object.entries(securityHeaders(process.env.APP_URL ?? "http://localhost:3000")).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // NEXT_DIST_DIR: a second build beside the usual one (two e2e runs on one checkout).
  ...(process.env.NEXT_DIST_DIR ? { distDir: process.env.NEXT_DIST_DIR } : {}),
  // PGlite, Prisma and the schema engine load wasm files from node_modules: keep them out of the bundler.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/client", "@prisma/adapter-pg", "pg", "pg-boss"],
  poweredByHeader: false,
  devIndicators: false,
  // `npm run dev` opened at http://127.0.0.1:3000 works as well as at localhost.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  async headers() {
    return [
      { source: "/:path*", headers },
      // Not on recordings: that route sends its own (sandbox), which a header here would replace.
      {
        source: "/api/:path((?!v1/calls/[^/]+/recording$).*)",
        headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default nextConfig;
