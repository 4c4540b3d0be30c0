// The Smartflo client against the simulator over real HTTP: every fault mode and the auth policies.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SmartfloClient } from "./client";
import { SmartfloError } from "./errors";
import { SmartfloSimulator } from "./simulator/server";

let sim: SmartfloSimulator;
let base: string;

beforeAll(async () => {
  sim = new SmartfloSimulator({ port: 0, timeScale: 0.01, webhookUrl: null });
  base = `${await sim.start()}/v1`;
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.reset();
  sim.configure({ mode: "async", tokenTtlSeconds: 3600 });
});

const waits: number[] = [];
const tokenClient = (extra: Partial<ConstructorParameters<typeof SmartfloClient>[0]> = {}) =>
  new SmartfloClient({ baseUrl: base, apiToken: "sim-token", timeoutMs: 1000, sleep: async (ms) => void waits.push(ms), ...extra });
const loginClient = () => new SmartfloClient({ baseUrl: base, email: "sim@smartflo.local", password: "sim-password", timeoutMs: 1000 });

async function failure(promise: Promise<unknown>): Promise<SmartfloError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmartfloError);
  return error as SmartfloError;
}

const call = { agentNumber: "9000000001", destinationNumber: "9876543210", customIdentifier: "ourcall1", refId: "lead1" };

describe("click_to_call", () => {
  it("async mode answers only ref_id (no call_id), sync mode adds call_id", async () => {
    const asyncResult = await tokenClient().clickToCall(call);
    expect(asyncResult.callId).toBeNull();
    expect(asyncResult.refId).toBe("lead1");
    sim.configure({ mode: "sync" });
    const syncResult = await tokenClient().clickToCall(call);
    expect(syncResult.callId).toMatch(/^\d+\.\d+$/);
  });

  it("sends async: 1, our custom_identifier and the agent number it was given", async () => {
    await tokenClient().clickToCall(call);
    expect(sim.requests.at(-1)?.body).toMatchObject({
      agent_number: "9000000001",
      destination_number: "9876543210",
      async: 1,
      custom_identifier: "ourcall1",
    });
  });

  it.each([
    ["401", "AUTH", /refused our credentials/],
    ["500", "UPSTREAM", /HTTP 500|Server Error/],
    ["success-false", "REJECTED", /Agent is not available/],
    ["invalid-number", "REJECTED", /destination number is invalid/],
  ] as const)("fault %s becomes a %s error with a readable message", async (kind, code, message) => {
    sim.addFault({ kind, path: "/click_to_call", times: 1 });
    const error = await failure(tokenClient().clickToCall(call));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("sim-token");
  });

  it("times out instead of hanging", async () => {
    sim.addFault({ kind: "timeout", path: "/click_to_call", times: 1 });
    const error = await failure(tokenClient({ timeoutMs: 300 }).clickToCall(call));
    expect(error.code).toBe("TIMEOUT");
    expect(error.message).toMatch(/did not answer/);
  });

  it("backs off on 429 honouring Retry-After, a bounded number of times", async () => {
    waits.length = 0;
    sim.addFault({ kind: "429", path: "/click_to_call", times: 2 });
    await expect(tokenClient().clickToCall(call)).resolves.toMatchObject({ refId: "lead1" });
    expect(waits).toEqual([1000, 1000]);
    sim.addFault({ kind: "429", path: "/click_to_call", times: 10 });
    const error = await failure(tokenClient({ maxRateLimitRetries: 3 }).clickToCall(call));
    expect(error.code).toBe("RATE_LIMITED");
  });

  it("rejects a bad destination with Smartflo's own field message", async () => {
    const error = await failure(tokenClient().clickToCall({ ...call, destinationNumber: "12" }));
    expect(error.httpStatus).toBe(422);
    expect(error.fields.destination_number).toMatch(/invalid/);
  });
});

describe("login tokens", () => {
  it("logs in, caches the token, and logs in again once after a 401", async () => {
    const client = loginClient();
    await client.clickToCall(call);
    await client.clickToCall(call);
    expect(sim.requests.filter((r) => r.path === "/auth/login")).toHaveLength(1);
    sim.addFault({ kind: "401", path: "/click_to_call", times: 1 });
    await expect(client.clickToCall(call)).resolves.toBeTruthy();
    expect(sim.requests.filter((r) => r.path === "/auth/login")).toHaveLength(2);
  });

  it("refreshes a token before it expires", async () => {
    sim.configure({ tokenTtlSeconds: 30 }); // inside the 60 s refresh margin
    const client = loginClient();
    await client.clickToCall(call);
    await client.clickToCall(call);
    expect(sim.requests.filter((r) => r.path === "/auth/login")).toHaveLength(2);
  });

  it("explains wrong credentials", async () => {
    const client = new SmartfloClient({ baseUrl: base, email: "sim@smartflo.local", password: "wrong", timeoutMs: 1000 });
    const error = await failure(client.liveCalls());
    expect(error.code).toBe("AUTH");
    expect(error.message).toMatch(/login failed: Invalid credentials/);
    expect(error.message).not.toContain("wrong");
  });
});

describe("other endpoints", () => {
  it("lists live calls, hangs one up (falling back to the other path on 404), lists records and users", async () => {
    const client = tokenClient({ hangupPath: "/call/hang_up_typo" });
    await client.clickToCall(call);
    const live = await client.liveCalls({ agentNumber: "9000000001" });
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ custom_identifier: "ourcall1", direction: 2 });
    await client.hangup(live[0]!.call_id);
    expect(await client.liveCalls()).toHaveLength(0);
    const records = await client.callRecords({ fromDate: "2000-01-01 00:00:00", toDate: "2100-01-01 00:00:00" });
    expect(records.count).toBe(1);
    expect(records.results[0]!.call_id).toBe(live[0]!.call_id);
    expect((await client.users()).length).toBeGreaterThan(0);
    const error = await failure(client.hangup("123.456"));
    expect(error.message).toMatch(/Invalid call id/);
  });
});
