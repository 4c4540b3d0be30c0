import { describe, expect, it } from "vitest";
import * as leadsRoute from "@/app/api/v1/leads/route";
import { auth } from "@/lib/auth/better-auth";
import { SIGN_IN_LIMITS } from "@/lib/auth/sign-in-guard";
import { db } from "@/lib/db";
import { makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import { restoreEnvAfterEach } from "@/scripts/test/sessions";

restoreEnvAfterEach();

async function authPost(pathname: string, cookie: string, body: unknown) {
  const res = await auth.handler(
    new Request(`http://localhost:3000/api/auth${pathname}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", cookie },
      body: JSON.stringify(body),
    }),
  );
  return {
    status: res.status,
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  };
}

describe("one-time passwords and password changes", () => {
  it("an account on a one-time password can only change it; the change is audited and clears the flag", async () => {
    const { user } = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    const cookie = await signIn(user.email, TEST_PASSWORD);
    const blocked = await call(leadsRoute.GET, { path: "/api/v1/leads", cookie });
    expect(blocked.status).toBe(403);
    expect(blocked.json.error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    const other = await signIn(user.email, TEST_PASSWORD);
    const changed = await authPost("/change-password", cookie, {
      currentPassword: TEST_PASSWORD,
      newPassword: "a-new-password-42",
      revokeOtherSessions: true,
    });
    expect(changed.status).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "auth.password_changed", actorId: user.id } })).toBe(1);
    // The other session is gone; the new password works.
    expect((await call(leadsRoute.GET, { path: "/api/v1/leads", cookie: other })).status).toBe(401);
    expect((await call(leadsRoute.GET, { path: "/api/v1/leads", cookie: await signIn(user.email, "a-new-password-42") })).status).toBe(200);
  });

  it("limits guesses of the current password on the account page", async () => {
    const { user } = await makeUser();
    const cookie = await signIn(user.email, TEST_PASSWORD);
    for (let i = 0; i < SIGN_IN_LIMITS.passwordChange.limit; i++)
      expect((await authPost("/change-password", cookie, { currentPassword: `guess-${i}-xx`, newPassword: "whatever-new-1" })).status).toBe(
        400,
      );
    expect((await authPost("/change-password", cookie, { currentPassword: TEST_PASSWORD, newPassword: "whatever-new-1" })).status).toBe(
      429,
    );
  });
});
