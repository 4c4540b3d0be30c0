// The leads API through its route handlers, with real better-auth sessions.
import { describe, expect, it } from "vitest";
import { makeLead, makeUser, TEST_PASSWORD, uniquePhone } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import * as activitiesRoute from "./[id]/activities/route";
import * as notesRoute from "./[id]/notes/route";
import * as leadRoute from "./[id]/route";
import * as leadsRoute from "./route";

async function agentSession(role: "AGENT" | "MANAGER" | "ADMIN" = "AGENT") {
  const { user, actor } = await makeUser({ role });
  return { user, actor, cookie: await signIn(user.email, TEST_PASSWORD) };
}

describe("/api/v1/leads", () => {
  it("answers 401 without a session", async () => {
    const res = await call(leadsRoute.GET, { path: "/api/v1/leads" });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHORIZED");
  });

  it("creates a lead (201) and lists it with a total", async () => {
    const { cookie } = await agentSession();
    const phone = uniquePhone();
    const created = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      cookie,
      body: { name: "Anita", phone: phone.slice(3), email: "anita@example.com" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "Anita", phone, status: "NEW" });
    const list = await call(leadsRoute.GET, { path: "/api/v1/leads?limit=10", cookie });
    expect(list.status).toBe(200);
    expect(list.json.total).toBe(1);
    expect(list.json.items[0].id).toBe(created.json.id);
  });

  it.each([
    [{ phone: "9876501234" }, "name"],
    [{ name: "A", phone: "42" }, "phone"],
    [{ name: "A", phone: "9876501234", email: "nope" }, "email"],
    [{ name: "A", phone: "9876501234", role: "ADMIN" }, "role"],
    [[1, 2], "body"],
  ])("rejects %j with 422 naming %s", async (body, field) => {
    const { cookie } = await agentSession();
    const res = await call(leadsRoute.POST, { path: "/api/v1/leads", cookie, body });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("VALIDATION");
    expect(Object.keys(res.json.error.fields)).toContain(field);
  });

  it("rejects malformed JSON with 400 and bad query parameters with 422", async () => {
    const { cookie } = await agentSession();
    const bad = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      cookie,
      rawBody: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.body).toBeTruthy();
    for (const [qs, field] of [
      ["status=SLEEPING", "status"],
      ["limit=0", "limit"],
      ["limit=abc", "limit"],
      ["sort=phone", "sort"],
    ]) {
      const res = await call(leadsRoute.GET, { path: `/api/v1/leads?${qs}`, cookie });
      expect(res.status, qs).toBe(422);
      expect(res.json.error.fields[field!], qs).toBeTruthy();
    }
  });

  it("answers 409 for a duplicate phone", async () => {
    const { cookie, actor } = await agentSession();
    const lead = await makeLead({ ownerId: actor.id });
    const res = await call(leadsRoute.POST, { path: "/api/v1/leads", cookie, body: { name: "Dup", phone: lead.phone } });
    expect(res.status).toBe(409);
    expect(res.json.error.existingLead.id).toBe(lead.id);
  });
});

describe("/api/v1/leads/:id", () => {
  it("hides another agent's lead (404) on every route", async () => {
    const owner = await agentSession();
    const other = await agentSession();
    const lead = await makeLead({ ownerId: owner.actor.id });
    const params = { id: lead.id };
    expect((await call(leadRoute.GET, { path: `/api/v1/leads/${lead.id}`, cookie: other.cookie, params })).status).toBe(404);
    expect(
      (
        await call(leadRoute.PATCH, {
          path: `/api/v1/leads/${lead.id}`,
          method: "PATCH",
          cookie: other.cookie,
          params,
          body: { status: "WON" },
        })
      ).status,
    ).toBe(404);
    expect((await call(activitiesRoute.GET, { path: `/api/v1/leads/${lead.id}/activities`, cookie: other.cookie, params })).status).toBe(
      404,
    );
    expect(
      (await call(notesRoute.POST, { path: `/api/v1/leads/${lead.id}/notes`, cookie: other.cookie, params, body: { body: "x" } })).status,
    ).toBe(404);
    expect((await call(leadRoute.GET, { path: `/api/v1/leads/${lead.id}`, cookie: owner.cookie, params })).status).toBe(200);
    const manager = await agentSession("MANAGER");
    expect((await call(leadRoute.GET, { path: `/api/v1/leads/${lead.id}`, cookie: manager.cookie, params })).status).toBe(200);
  });

  it("changes status, rejects unknown ones, and shows the change on the timeline", async () => {
    const { cookie, actor } = await agentSession();
    const lead = await makeLead({ ownerId: actor.id });
    const params = { id: lead.id };
    const bad = await call(leadRoute.PATCH, { path: "/x", method: "PATCH", cookie, params, body: { status: "SLEEPING" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields.status).toMatch(/must be one of/);
    const ok = await call(leadRoute.PATCH, { path: "/x", method: "PATCH", cookie, params, body: { status: "QUALIFIED" } });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe("QUALIFIED");
    const note = await call(notesRoute.POST, { path: "/x", cookie, params, body: { body: "Call back Monday" } });
    expect(note.status).toBe(201);
    const timeline = await call(activitiesRoute.GET, { path: "/x", cookie, params });
    expect(timeline.json.items.map((a: { type: string }) => a.type)).toEqual(["NOTE", "STATUS_CHANGE"]);
  });
});
