import { describe, expect, it } from "vitest";
import * as leadRoute from "@/app/api/v1/leads/[id]/route";
import * as leadsRoute from "@/app/api/v1/leads/route";
import * as webhookRoute from "@/app/api/v1/smartflo/webhook/route";
import { db } from "@/lib/db";
import { uniquePhone } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { restoreEnvAfterEach, session } from "@/scripts/test/sessions";

restoreEnvAfterEach();

describe("CSRF on our own routes", () => {
  it("refuses mutations that are not JSON (415) or come from another origin (403), and takes same-origin JSON", async () => {
    const { cookie } = await session();
    const body = JSON.stringify({ name: "CSRF Test", phone: uniquePhone() });
    const form = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      cookie,
      rawBody: "name=x&phone=9876543210",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect(form.json.error.fields["content-type"]).toBeTruthy();
    const plain = await call(leadsRoute.POST, { path: "/api/v1/leads", cookie, rawBody: body, headers: { "content-type": "text/plain" } });
    expect(plain.status).toBe(415);
    // Another origin, an opaque one, a cross-site fetch: each a 403.
    const refusals: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of refusals) {
      const refused = await call(leadsRoute.POST, {
        path: "/api/v1/leads",
        cookie,
        rawBody: body,
        headers: { "content-type": "application/json", ...headers },
      });
      expect(refused.status, JSON.stringify(headers)).toBe(403);
    }
    const patch = await call(leadRoute.PATCH, {
      path: "/x",
      method: "PATCH",
      cookie,
      rawBody: JSON.stringify({ name: "x" }),
      params: { id: "nope" },
      headers: { "content-type": "text/plain" },
    });
    expect(patch.status).toBe(415);
    expect(await db.lead.count({ where: { name: "CSRF Test" } })).toBe(0);
    const ok = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      cookie,
      rawBody: body,
      headers: { "content-type": "application/json; charset=utf-8", origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
    });
    expect(ok.status).toBe(201);
    // Reads are not mutations.
    expect((await call(leadsRoute.GET, { path: "/api/v1/leads", cookie, headers: { "sec-fetch-site": "cross-site" } })).status).toBe(200);
  });

  it("leaves the webhook to its token: form-encoded deliveries from Smartflo are still taken", async () => {
    const res = await call(webhookRoute.POST, {
      path: "/api/v1/smartflo/webhook",
      rawBody: "call_id=1.1&call_status=answered",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://smartflo.example" },
    });
    expect(res.status).toBe(200);
  });
});
