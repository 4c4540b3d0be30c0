// The one-query session check (lib/auth/actor.ts readSession) against better-auth's own getSession:
// the same actor, and every revocation effective on the very next request.
import { describe, expect, it } from "vitest";
import { session } from "@/scripts/test/sessions";
import { db } from "../db";
import { getActor, readSession } from "./actor";
import { auth } from "./better-auth";

const headersWith = (cookie: string) => new Headers({ cookie });

describe("session check", () => {
  it("answers in one query what better-auth answers", async () => {
    const { user, cookie } = await session("MANAGER");
    const fast = await readSession(headersWith(cookie));
    expect(fast).not.toBe("ask-better-auth");
    const official = await auth.api.getSession({ headers: headersWith(cookie) });
    expect(fast).toMatchObject({ id: user.id, email: user.email, role: "MANAGER", sessionId: official!.session.id, managerId: null });
    expect(await getActor(headersWith(cookie))).toEqual(fast);
  });

  it("sees a changed role, a deactivation, a revoked session and a forged cookie at once", async () => {
    const { user, cookie } = await session("AGENT");
    await db.user.update({ where: { id: user.id }, data: { role: "MANAGER" } });
    expect((await getActor(headersWith(cookie)))?.role).toBe("MANAGER");
    await db.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    expect((await getActor(headersWith(cookie)))?.mustChangePassword).toBe(true);
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await getActor(headersWith(cookie))).toBeNull();
    await db.user.update({ where: { id: user.id }, data: { active: true } });
    expect(await getActor(headersWith(cookie))).not.toBeNull();

    // A token with someone else's signature, or none: not signed in.
    const [name, value] = cookie.split(";")[0]!.split("=") as [string, string];
    const token = decodeURIComponent(value).split(".")[0]!;
    expect(await getActor(headersWith(`${name}=${encodeURIComponent(`${token}.${"A".repeat(43)}=`)}`))).toBeNull();
    expect(await getActor(headersWith(`${name}=${token}`))).toBeNull();

    await db.session.deleteMany({ where: { userId: user.id } });
    expect(await getActor(headersWith(cookie))).toBeNull();
  });

  it("leaves expiry and the sliding renewal to better-auth", async () => {
    const { user, cookie } = await session("AGENT");
    // Due for renewal (signed in more than a day ago): better-auth renews it.
    const day = 24 * 3600 * 1000;
    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() + 5 * day) } });
    expect(await readSession(headersWith(cookie))).toBe("ask-better-auth");
    expect((await getActor(headersWith(cookie)))?.id).toBe(user.id);
    const renewed = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * day);
    expect(await readSession(headersWith(cookie))).not.toBe("ask-better-auth");
    // Expired: nobody.
    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getActor(headersWith(cookie))).toBeNull();
  });
});
