import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const secret = "s".repeat(32);
const production = {
  NODE_ENV: "production",
  BETTER_AUTH_SECRET: secret,
  SMARTFLO_WEBHOOK_TOKEN: "t".repeat(32),
  APP_URL: "https://crm.example.com",
};
const issues = (source: Record<string, string | undefined>) => {
  try {
    parseEnv(source);
    return "";
  } catch (error) {
    return (error as Error).message;
  }
};

describe("production boot checks", () => {
  it("accepts a complete production environment", () => {
    expect(issues(production)).toBe("");
  });

  it("refuses to start without a webhook token, naming the variable", () => {
    expect(issues({ ...production, SMARTFLO_WEBHOOK_TOKEN: undefined })).toMatch(/SMARTFLO_WEBHOOK_TOKEN: is required in production/);
    expect(issues({ ...production, SMARTFLO_WEBHOOK_TOKEN: "" })).toMatch(/SMARTFLO_WEBHOOK_TOKEN/);
  });

  it("wants a webhook token and an auth secret of at least 32 characters, in every mode", () => {
    expect(issues({ ...production, SMARTFLO_WEBHOOK_TOKEN: "t".repeat(31) })).toMatch(
      /SMARTFLO_WEBHOOK_TOKEN: must be at least 32 characters/,
    );
    expect(issues({ NODE_ENV: "development", SMARTFLO_WEBHOOK_TOKEN: "short-token-0123456789" })).toMatch(
      /SMARTFLO_WEBHOOK_TOKEN: must be at least 32/,
    );
    expect(issues({ ...production, BETTER_AUTH_SECRET: undefined })).toMatch(/BETTER_AUTH_SECRET: is required in production/);
    expect(issues({ ...production, BETTER_AUTH_SECRET: "x".repeat(20) })).toMatch(/BETTER_AUTH_SECRET: must be at least 32/);
  });

  it("wants https in production unless a private network says ALLOW_INSECURE_HTTP=1", () => {
    expect(issues({ ...production, APP_URL: "http://crm.example.com" })).toMatch(/APP_URL: must be https in production/);
    expect(issues({ ...production, APP_URL: "http://10.0.0.5:3000", ALLOW_INSECURE_HTTP: "1" })).toBe("");
    expect(issues({ NODE_ENV: "development", APP_URL: "http://localhost:3000" })).toBe("");
  });

  it("checks the toll-fraud and proxy settings", () => {
    expect(parseEnv({ ...production }).CALLABLE_COUNTRIES).toEqual(["IN"]);
    expect(parseEnv({ ...production, CALLABLE_COUNTRIES: "in, ae" }).CALLABLE_COUNTRIES).toEqual(["IN", "AE"]);
    expect(issues({ ...production, CALLABLE_COUNTRIES: "IN,XX" })).toMatch(/CALLABLE_COUNTRIES/);
    expect(issues({ ...production, TRUSTED_PROXY_HEADER: "x forwarded" })).toMatch(/TRUSTED_PROXY_HEADER/);
    expect(parseEnv({ ...production, TRUSTED_PROXY_HEADER: "X-Real-IP" }).TRUSTED_PROXY_HEADER).toBe("x-real-ip");
  });

  it("npm start exits with the missing variable named (the real server script)", () => {
    const env = {
      ...process.env,
      ...production,
      SMARTFLO_WEBHOOK_TOKEN: "",
      PGLITE_DIR: "memory://",
      VITEST: undefined,
    } as NodeJS.ProcessEnv;
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/server.ts"], { env, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/SMARTFLO_WEBHOOK_TOKEN: is required in production[\s\S]*Refusing to start/);
  }, 60_000);
});
