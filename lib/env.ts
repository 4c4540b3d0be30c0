// The environment, validated once. Everything else imports typed values from here.
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** postgres://… ⇒ PostgreSQL server; unset ⇒ embedded PGlite in PGLITE_DIR. */
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
        .optional(),
    ),
    PGLITE_DIR: z.string().default(".data/pglite"),
    APP_URL: z.url().default("http://localhost:3000"),
    BETTER_AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    DEMO_PASSWORD: z.string().min(8, "must be at least 8 characters").default("demo-password"),
    SEED_DEMO_DATA: z.enum(["0", "1", "true", "false"]).optional(),

    SMARTFLO_BASE_URL: z.url().default("https://api-smartflo.tatateleservices.com/v1"),
    SMARTFLO_API_TOKEN: optionalString,
    SMARTFLO_EMAIL: optionalString,
    SMARTFLO_PASSWORD: optionalString,
    SMARTFLO_HANGUP_PATH: z.string().startsWith("/").default("/call/hangup"),
    SMARTFLO_CALLER_ID: optionalString,
    SMARTFLO_WEBHOOK_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    /** Set by the dev and e2e servers when the app talks to the built-in simulator. */
    SMARTFLO_SIMULATOR: z.enum(["0", "1"]).optional(),
    SMARTFLO_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  })
  .superRefine((env, ctx) => {
    // `next build` evaluates modules without the runtime secrets; `next start` checks them.
    if (env.NODE_ENV === "production" && !env.BETTER_AUTH_SECRET && process.env.NEXT_PHASE !== "phase-production-build") {
      ctx.addIssue({ code: "custom", path: ["BETTER_AUTH_SECRET"], message: "is required in production" });
    }
    if (Boolean(env.SMARTFLO_EMAIL) !== Boolean(env.SMARTFLO_PASSWORD)) {
      ctx.addIssue({ code: "custom", path: ["SMARTFLO_PASSWORD"], message: "SMARTFLO_EMAIL and SMARTFLO_PASSWORD go together" });
    }
  });

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

/** A fixed secret for local development only; production must set BETTER_AUTH_SECRET. */
export const authSecret = env.BETTER_AUTH_SECRET ?? "dev-only-secret-not-for-production-use-0123456789";
