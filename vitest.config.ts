// At the root, so `npx vitest` and `npm run test:unit` find it alone.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = { "@": root, "server-only": path.join(root, "scripts/test/server-only-stub.ts") };

// Service and route tests run once on PGlite and, when TEST_DATABASE_URL is set, again on PostgreSQL.
const databases = ["pglite", ...(process.env.TEST_DATABASE_URL ? ["postgres"] : [])];

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          root,
          include: ["lib/**/*.test.ts"],
          exclude: ["lib/**/*.db.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      ...databases.map((kind) => ({
        resolve: { alias },
        test: {
          name: kind,
          root,
          include: ["lib/**/*.db.test.ts", "app/**/*.db.test.ts"],
          environment: "node",
          env: { TEST_DB_KIND: kind, APP_URL: "http://localhost:3000" },
          setupFiles: ["scripts/test/setup-db.ts"],
          globalSetup: kind === "postgres" ? ["scripts/test/global-postgres.ts"] : [],
          // One database per worker, shared by that worker's files (each test owns its rows).
          pool: "forks" as const,
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      })),
    ],
  },
});
