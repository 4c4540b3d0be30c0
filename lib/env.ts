// The environment, validated once. Everything else imports typed values from here. In production
// the app refuses to start without the secrets and the https address a deployment on the internet
// needs (see README, "Deploying safely").
import "server-only";
import { getCountries } from "libphonenumber-js";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const flag = z.enum(["0", "1", "true", "false"]).optional();
export const isOn = (v: string | undefined) => v === "1" || v === "true";

/** A comma-separated list, trimmed, blanks dropped. */
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    );

const COUNTRIES = new Set<string>(getCountries());
/** The Smartflo domains recordings are served from (a leading "*." matches any subdomain). */
export const DEFAULT_RECORDING_HOSTS = "*.tatateleservices.com,*.tatatelebusiness.com";
export const MIN_SECRET_LENGTH = 32;

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
    /** 0: no named (prepared) statements on DATABASE_URL, for a pooler that cannot keep them (PgBouncer transaction mode < 1.21). */
    DATABASE_PREPARED_STATEMENTS: flag,
    APP_URL: z.url().default("http://localhost:3000"),
    /** 1: allow an http APP_URL in production (a private network only). */
    ALLOW_INSECURE_HTTP: flag,
    BETTER_AUTH_SECRET: optionalString.pipe(
      z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
    ),
    /** Set only when it came from the environment: production refuses to seed the default. */
    DEMO_PASSWORD: optionalString.pipe(z.string().min(8, "must be at least 8 characters").optional()),
    SEED_DEMO_DATA: flag,
    /**
     * The request header a trusted reverse proxy puts the client's address in (e.g.
     * x-forwarded-for, x-real-ip). Unset: the address of the connection, never a header.
     */
    TRUSTED_PROXY_HEADER: optionalString.pipe(
      z
        .string()
        .regex(/^[a-z0-9-]+$/i, "must be a header name such as x-forwarded-for")
        .transform((v) => v.toLowerCase())
        .optional(),
    ),
    /** Countries click-to-call may dial (ISO 3166 codes): toll fraud stops at the border. */
    CALLABLE_COUNTRIES: list("IN").pipe(
      z
        .array(
          z
            .string()
            .transform((c) => c.toUpperCase())
            .refine((c) => COUNTRIES.has(c), "must be ISO country codes such as IN"),
        )
        .min(1, "must name at least one country"),
    ),
    MAX_CALLS_PER_AGENT_PER_DAY: z.coerce.number().int().positive().default(500),
    /** Requests per minute one API key may make (past it: 429 with Retry-After). */
    API_KEY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
    /** Raw webhook bodies (they hold phone numbers) are purged after this many days. */
    WEBHOOK_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
    /**
     * 1: outgoing webhooks may go to http:// and to private or loopback addresses (a receiver on this
     * machine or the office network). Always allowed outside production; in production only with this.
     */
    OUTGOING_WEBHOOKS_ALLOW_PRIVATE: flag,

    /** Meta Lead Ads (lib/connectors/meta.ts): the app's secret signs every notification (X-Hub-Signature-256). */
    META_APP_SECRET: optionalString,
    /** What Meta sends back in the subscription handshake (hub.verify_token). */
    META_VERIFY_TOKEN: optionalString,
    /** A Page access token with leads_retrieval: reads each lead's answers from the Graph API. */
    META_PAGE_ACCESS_TOKEN: optionalString,
    META_GRAPH_URL: z.url().default("https://graph.facebook.com/v23.0"),
    /** Google Ads lead form webhooks: the key entered beside our URL in Google Ads (google_key). */
    GOOGLE_ADS_WEBHOOK_KEY: optionalString,
    /** IndiaMART Lead Manager CRM key (v2): travels in the pull URL, so that URL is never logged. */
    INDIAMART_CRM_KEY: optionalString,
    INDIAMART_URL: z.url().default("https://mapi.indiamart.com/wservce/crm/crmListing/v2/"),
    /** Seconds between two IndiaMART pulls (IndiaMART blocks keys that pull more often than every 5 minutes). */
    INDIAMART_PULL_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(300),
    /** Set by the dev and e2e servers: the connectors talk to the built-in lead-sources simulator at this address. */
    LEAD_SOURCES_SIMULATOR_URL: optionalString.pipe(z.url().optional()),

    SMARTFLO_BASE_URL: z.url().default("https://api-smartflo.tatateleservices.com/v1"),
    SMARTFLO_API_TOKEN: optionalString,
    SMARTFLO_EMAIL: optionalString,
    SMARTFLO_PASSWORD: optionalString,
    SMARTFLO_HANGUP_PATH: z.string().startsWith("/").default("/call/hangup"),
    SMARTFLO_CALLER_ID: optionalString,
    SMARTFLO_WEBHOOK_TOKEN: optionalString.pipe(
      z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
    ),
    /** Hosts recordings are fetched from (a leading "*." matches subdomains); https only. */
    SMARTFLO_RECORDING_HOSTS: list(DEFAULT_RECORDING_HOSTS).pipe(
      z.array(
        z
          .string()
          .regex(/^(\*\.)?[a-z0-9.-]+(:\d+)?$/i, "must be host names such as *.tatateleservices.com")
          .transform((h) => h.toLowerCase()),
      ),
    ),
    /** Set by the dev and e2e servers when the app talks to the built-in simulator. */
    SMARTFLO_SIMULATOR: z.enum(["0", "1"]).optional(),
    /** The simulator's compressed time (0.2: a simulated minute in 12 s), so call timers count as it does. */
    SMARTFLO_SIMULATOR_TIME_SCALE: z.coerce.number().positive().max(100).default(1),
    SMARTFLO_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  })
  .superRefine((env, ctx) => {
    // `next build` evaluates modules without the runtime secrets; `next start` checks them.
    if (env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
      if (!env.BETTER_AUTH_SECRET)
        ctx.addIssue({ code: "custom", path: ["BETTER_AUTH_SECRET"], message: "is required in production (openssl rand -base64 32)" });
      if (!env.SMARTFLO_WEBHOOK_TOKEN) {
        ctx.addIssue({
          code: "custom",
          path: ["SMARTFLO_WEBHOOK_TOKEN"],
          message: "is required in production: without it anyone can post calls to the webhook (openssl rand -hex 24)",
        });
      }
      if (new URL(env.APP_URL).protocol !== "https:" && !isOn(env.ALLOW_INSECURE_HTTP)) {
        ctx.addIssue({
          code: "custom",
          path: ["APP_URL"],
          message: "must be https in production (ALLOW_INSECURE_HTTP=1 for a private network)",
        });
      }
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

/** The demo users' password outside production, when DEMO_PASSWORD is not set. */
export const DEFAULT_DEMO_PASSWORD = "demo-password";
export const demoPassword = env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
