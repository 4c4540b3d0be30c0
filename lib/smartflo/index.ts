// The app's Smartflo client, configured from the environment (server-side only).
import "server-only";
import { env } from "../env";
import { SmartfloClient } from "./client";
import { SmartfloError } from "./errors";

let client: SmartfloClient | null = null;

export function smartfloConfigured(): boolean {
  return Boolean(env.SMARTFLO_API_TOKEN || (env.SMARTFLO_EMAIL && env.SMARTFLO_PASSWORD));
}

export function smartfloMode(): "simulator" | "smartflo" | "unconfigured" {
  if (!smartfloConfigured()) return "unconfigured";
  return env.SMARTFLO_SIMULATOR === "1" ? "simulator" : "smartflo";
}

export function smartflo(): SmartfloClient {
  if (!smartfloConfigured())
    throw new SmartfloError(
      "NOT_CONFIGURED",
      "Smartflo is not configured: an admin must set SMARTFLO_API_TOKEN (or SMARTFLO_EMAIL and SMARTFLO_PASSWORD)",
    );
  client ??= new SmartfloClient({
    baseUrl: env.SMARTFLO_BASE_URL,
    apiToken: env.SMARTFLO_API_TOKEN,
    email: env.SMARTFLO_EMAIL,
    password: env.SMARTFLO_PASSWORD,
    hangupPath: env.SMARTFLO_HANGUP_PATH,
    timeoutMs: env.SMARTFLO_TIMEOUT_MS,
  });
  return client;
}

/** Tests change the environment between cases; the next call builds a fresh client. */
export function resetSmartfloClient() {
  client = null;
}

export { SmartfloError };
