// Sign-in brute force: per account and per address limits (security review).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auth } from "@/lib/auth/better-auth";
import { SIGN_IN_LIMITS } from "@/lib/auth/sign-in-guard";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer";
import { makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { randomIp, restoreEnvAfterEach } from "@/scripts/test/sessions";

restoreEnvAfterEach();

async function signInAttempt(email: string, password: string, headers: Record<string, string>) {
  const res = await auth.handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", ...headers },
      body: JSON.stringify({ email, password }),
    }),
  );
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json().catch(() => null)) as { message?: string } | null,
  };
}

describe("sign-in brute force", () => {
  it("blocks an account after repeated failures from the addresses they came from (429, Retry-After), whatever XFF says", async () => {
    process.env.CRM_PEER_ADDRESS = "1"; // as behind `npm start`: the socket's address, stamped by the server
    const { user } = await makeUser();
    const peer = { [PEER_ADDRESS_HEADER]: randomIp() };
    for (let i = 0; i < SIGN_IN_LIMITS.account.limit; i++) {
      // A different spoofed X-Forwarded-For each time changes nothing.
      expect((await signInAttempt(user.email, "wrong-password", { ...peer, "x-forwarded-for": randomIp() })).status).toBe(401);
    }
    // From the attacking address even the right password is refused.
    const blocked = await signInAttempt(user.email, TEST_PASSWORD, { ...peer, "x-forwarded-for": randomIp() });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    expect(blocked.body?.message).toMatch(/Too many sign-in attempts\. Try again in \d+ (minutes|seconds?)/);
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: `sign-in:account:${user.email}` } });
    expect(row.count).toBe(SIGN_IN_LIMITS.account.limit);
    // A wrong guess from a fresh address is checked once, then that address is closed too.
    const elsewhere = { [PEER_ADDRESS_HEADER]: randomIp() };
    expect((await signInAttempt(user.email, "another-guess", elsewhere)).status).toBe(401);
    expect((await signInAttempt(user.email, TEST_PASSWORD, elsewhere)).status).toBe(429);
    // The owner, from an address with no failures, gets in: guessing cannot lock them out.
    expect((await signInAttempt(user.email, TEST_PASSWORD, { [PEER_ADDRESS_HEADER]: randomIp() })).status).toBe(200);
    const actions = await db.auditEvent.findMany({ where: { actorEmail: user.email }, select: { action: true, ip: true } });
    expect(actions.filter((a) => a.action === "auth.sign_in_failed")).toHaveLength(SIGN_IN_LIMITS.account.limit + 1);
    expect(actions.some((a) => a.action === "auth.sign_in_blocked")).toBe(true);
    expect(actions.filter((a) => a.action === "auth.sign_in_failed" && a.ip === peer[PEER_ADDRESS_HEADER])).toHaveLength(
      SIGN_IN_LIMITS.account.limit,
    );
  });

  it("blocks an address that tries many accounts, and clears an account's failures on a correct password", async () => {
    process.env.CRM_PEER_ADDRESS = "1";
    const ip = { [PEER_ADDRESS_HEADER]: randomIp() };
    const { user } = await makeUser();
    expect((await signInAttempt(user.email, "wrong", ip)).status).toBe(401);
    expect((await signInAttempt(user.email, TEST_PASSWORD, ip)).status).toBe(200);
    expect(await db.rateLimit.findUnique({ where: { key: `sign-in:account:${user.email}` } })).toBeNull();
    for (let i = 1; i < SIGN_IN_LIMITS.address.limit; i++)
      expect((await signInAttempt(`nobody-${i}-${randomUUID()}@test.local`, "guess", ip)).status).toBe(401);
    const blocked = await signInAttempt(user.email, TEST_PASSWORD, ip);
    expect(blocked.status).toBe(429);
    // Another address is not blocked.
    expect((await signInAttempt(user.email, TEST_PASSWORD, { [PEER_ADDRESS_HEADER]: randomIp() })).status).toBe(200);
    const signIns = await db.auditEvent.count({ where: { action: "auth.sign_in", actorId: user.id } });
    expect(signIns).toBe(2);
  });

  it("believes a proxy header only when TRUSTED_PROXY_HEADER names it", async () => {
    env.TRUSTED_PROXY_HEADER = "x-real-ip";
    const { user } = await makeUser();
    const ip = randomIp();
    await signInAttempt(user.email, "wrong", { "x-real-ip": ip, "x-forwarded-for": randomIp() });
    expect((await db.auditEvent.findFirstOrThrow({ where: { actorEmail: user.email, action: "auth.sign_in_failed" } })).ip).toBe(ip);
  });
});
