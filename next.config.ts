import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite, Prisma and the schema engine load wasm files from node_modules: keep them out of the bundler.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/client", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  devIndicators: false,
};

export default nextConfig;
