// Tests against the Smartflo simulator with real HTTP both ways: the app's client pointed at it,
// and its webhooks delivered to the app's route handler. Registers the vitest hooks it needs.
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { resetSmartfloClient } from "@/lib/smartflo";
import { SmartfloSimulator } from "@/lib/smartflo/simulator/server";
import { startWebhookReceiver } from "./webhook-receiver";

/** The simulator (time x0.02) and its webhook receiver, started before the file's tests, reset before each. */
export function simulatedSmartflo() {
  const sim = new SmartfloSimulator({ port: 0, timeScale: 0.02 });
  const receiver = { url: "", statuses: [] as number[], close: async () => {} };
  const saved = { ...env };
  beforeAll(async () => {
    Object.assign(receiver, await startWebhookReceiver());
    sim.configure({ webhookUrl: receiver.url });
    env.SMARTFLO_BASE_URL = `${await sim.start()}/v1`;
    env.SMARTFLO_API_TOKEN = "sim-token";
    env.SMARTFLO_TIMEOUT_MS = 1500;
    resetSmartfloClient();
  });
  afterAll(async () => {
    await sim.stop();
    await receiver.close();
    Object.assign(env, saved);
    resetSmartfloClient();
  });
  beforeEach(() => {
    sim.reset();
    sim.configure({ mode: "async", echoCustomIdentifier: true, timeScale: 0.02 });
  });
  return { sim, receiver };
}

/** Polls `fn` until `ok` holds (every `intervalMs`), or fails with the last value after `timeoutMs`. */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000, intervalMs = 50): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await fn();
    if (ok(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The AppError a promise rejects with (the test fails if it resolves or rejects with anything else). */
export async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
