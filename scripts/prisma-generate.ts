// `prisma generate` needs no schema engine for the client, but the CLI still looks for the
// native binary (which cannot be downloaded offline). Point it at a placeholder. The schema is the
// folder: prisma/schema.prisma and prisma/models/*.prisma.
import { spawnSync } from "node:child_process";

const result = spawnSync("npx", ["prisma", "generate", "--schema", "prisma"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
process.exit(result.status ?? 1);
