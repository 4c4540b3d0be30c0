import { describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/v1/audit/route";
import * as exportRoute from "@/app/api/v1/leads/export/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import { db } from "@/lib/db";
import { makeUser } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { restoreEnvAfterEach, session } from "@/scripts/test/sessions";

restoreEnvAfterEach();

describe("audit log", () => {
  it("records admin actions, exports and sign-ins; only admins read it; the database refuses edits", async () => {
    const admin = await session("ADMIN");
    const { user: target } = await makeUser();
    expect(
      (
        await call(userRoute.PATCH, {
          path: "/x",
          method: "PATCH",
          cookie: admin.cookie,
          params: { id: target.id },
          body: { role: "MANAGER", smartfloAgentNumber: "9111111111" },
        })
      ).status,
    ).toBe(200);
    const exported = await call(exportRoute.GET, { path: "/api/v1/leads/export", cookie: admin.cookie });
    expect(exported.status).toBe(200);

    const page = await call(auditRoute.GET, { path: `/api/v1/audit?targetId=${target.id}`, cookie: admin.cookie });
    expect(page.status).toBe(200);
    const change = page.json.items.find((e: { action: string }) => e.action === "user.updated");
    expect(change).toMatchObject({
      actor: { id: admin.user.id },
      targetType: "user",
      before: { role: "AGENT" },
      after: { role: "MANAGER", smartfloAgentNumber: "9111111111" },
    });
    const mine = await call(auditRoute.GET, { path: `/api/v1/audit?actorId=${admin.user.id}&action=leads.exported`, cookie: admin.cookie });
    expect(mine.json.items).toHaveLength(1);
    expect(mine.json.items[0].after.rows).toBe(exported.text.trim().split("\r\n").length - 1);
    const signIn = await call(auditRoute.GET, { path: `/api/v1/audit?actorId=${admin.user.id}&action=auth.sign_in`, cookie: admin.cookie });
    expect(signIn.json.items).toHaveLength(1);
    expect((await call(auditRoute.GET, { path: "/api/v1/audit?action=nope", cookie: admin.cookie })).status).toBe(422);

    for (const role of ["AGENT", "MANAGER"] as const)
      expect((await call(auditRoute.GET, { path: "/api/v1/audit", cookie: (await session(role)).cookie })).status).toBe(404);
    expect((await call(auditRoute.GET, { path: "/api/v1/audit" })).status).toBe(401);
    expect(Object.keys(auditRoute).filter((k) => /^[A-Z]+$/.test(k))).toEqual(["GET"]);

    const row = await db.auditEvent.findFirstOrThrow({ where: { targetId: target.id } });
    await expect(db.$executeRaw`UPDATE audit_event SET action = 'x' WHERE id = ${row.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM audit_event WHERE id = ${row.id}`).rejects.toThrow(/append-only/);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).action).toBe("user.updated");
  });

  it("pages through with a cursor, newest first", async () => {
    const admin = await session("ADMIN");
    const { user } = await makeUser();
    for (const role of ["MANAGER", "AGENT", "MANAGER"])
      await call(userRoute.PATCH, { path: "/x", method: "PATCH", cookie: admin.cookie, params: { id: user.id }, body: { role } });
    const first = await call(auditRoute.GET, { path: `/api/v1/audit?targetId=${user.id}&limit=2`, cookie: admin.cookie });
    expect(first.json.items).toHaveLength(2);
    const rest = await call(auditRoute.GET, {
      path: `/api/v1/audit?targetId=${user.id}&limit=2&cursor=${first.json.nextCursor}`,
      cookie: admin.cookie,
    });
    expect(rest.json.items).toHaveLength(1);
    expect([...first.json.items, ...rest.json.items].map((e: { after: { role: string } }) => e.after.role)).toEqual([
      "MANAGER",
      "AGENT",
      "MANAGER",
    ]);
  });
});
