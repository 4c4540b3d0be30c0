// Helpers shared by the route tests: a signed-in user of a role, Smartflo-like call ids, client
// addresses, an ended call, and the environment put back after a test changed it.
import { afterEach } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { makeUser, TEST_PASSWORD } from "./factories";
import { signIn } from "./http";

/** A Smartflo-shaped call id ("<unix seconds>.<random>"). */
export const newCallId = () => `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e6)}`;

/** A client address from TEST-NET-3, different per call (keeps per-address limits apart). */
export const randomIp = () => `203.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

/** A new user of the role, signed in: its rows and a session cookie. */
export async function session(role: "AGENT" | "MANAGER" | "ADMIN" = "AGENT", managerId?: string) {
  const made = await makeUser({ role, managerId });
  return { ...made, cookie: await signIn(made.user.email, TEST_PASSWORD) };
}

/** An outbound call of the agent to the lead that has ended (or still rings). */
export async function endedCall(agentId: string, leadId: string, status: "COMPLETED" | "MISSED" | "RINGING" = "COMPLETED") {
  return db.call.create({
    data: {
      leadId,
      agentId,
      direction: "OUTBOUND",
      status,
      talkSeconds: status === "COMPLETED" ? 40 : 0,
      startedAt: new Date(),
      endedAt: status === "RINGING" ? null : new Date(),
    },
  });
}

/** Puts `env` (and the peer-address override) back after each test of the file that calls it. */
export function restoreEnvAfterEach() {
  const saved = { ...env };
  afterEach(() => {
    for (const key of Object.keys(env)) if (!(key in saved)) delete (env as Record<string, unknown>)[key];
    Object.assign(env, saved);
    delete process.env.CRM_PEER_ADDRESS;
  });
}
