// Hostile input across every API route: fuzzed bodies, wrong types, huge strings, odd encodings,
// missing auth and another agent's ids. Nothing may answer 5xx, and nothing may leak the other
// agent's lead. The route list comes from the file system (app/api/v1/**/route.ts), so a new route
// is fuzzed the day it is added. Part of `npm test`; also `npm run test:reliability`.
import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as recordingRoute from "@/app/api/v1/calls/[id]/recording/route";
import * as callRoute from "@/app/api/v1/calls/[id]/route";
import * as callsRoute from "@/app/api/v1/calls/route";
import * as activitiesRoute from "@/app/api/v1/leads/[id]/activities/route";
import * as notesRoute from "@/app/api/v1/leads/[id]/notes/route";
import * as leadRoute from "@/app/api/v1/leads/[id]/route";
import * as leadsRoute from "@/app/api/v1/leads/route";
import * as telephonyRoute from "@/app/api/v1/settings/telephony/route";
import * as clickRoute from "@/app/api/v1/smartflo/click-to-call/route";
import * as hangupRoute from "@/app/api/v1/smartflo/hangup/route";
import * as webhookRoute from "@/app/api/v1/smartflo/webhook/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import { auth } from "@/lib/auth/better-auth";
import { makeLead, makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import { db } from "./db";

type Handler = Parameters<typeof call>[0];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const API_DIR = path.resolve(import.meta.dirname, "../app/api/v1");

/** Every route file under app/api/v1, as its URL path (dynamic segments kept as [name]). */
function apiRouteFiles(dir = API_DIR, prefix = "/api/v1"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return apiRouteFiles(path.join(dir, e.name), `${prefix}/${e.name}`);
    return e.name === "route.ts" ? [prefix] : [];
  });
}

/** Every exported method handler of every route, with its path. */
async function allHandlers(): Promise<{ route: string; method: (typeof METHODS)[number]; handler: Handler }[]> {
  const out = [];
  for (const route of apiRouteFiles()) {
    const mod = (await import(path.join(API_DIR, route.slice("/api/v1".length), "route.ts"))) as Partial<Record<string, Handler>>;
    for (const method of METHODS) if (mod[method]) out.push({ route, method, handler: mod[method] });
  }
  return out;
}

const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "null",
    "undefined",
    "NaN",
    "-1",
    "1e309",
    "<script>alert(1)</script>",
    "'; DROP TABLE lead; --",
    "../../etc/passwd",
    "%00",
    "\uFEFF{}",
    "{{7*7}}",
    "$recording_url",
  ),
  fc.integer().map((n) => "x".repeat(Math.abs(n) % 5000)),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);
const hostileBody = fc.oneof(
  fc
    .dictionary(
      fc.constantFrom(
        "name",
        "phone",
        "email",
        "leadId",
        "call_id",
        "status",
        "ownerId",
        "body",
        "role",
        "password",
        "from",
        "to",
        "createLead",
        "trigger",
        "agent_number",
        "ref_id",
      ),
      hostileValue,
      { maxKeys: 6 },
    )
    .map((o) => JSON.stringify(o)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  hostileString,
);

describe("hostile input", () => {
  it("never answers 5xx and never leaks another agent's lead", async () => {
    const { user: me } = await makeUser();
    const { user: other } = await makeUser();
    const secret = await makeLead({ ownerId: other.id, name: "Secret Owner Lead" });
    const secretCall = await db.call.create({
      data: {
        leadId: secret.id,
        agentId: other.id,
        direction: "OUTBOUND",
        status: "ANSWERED",
        providerCallId: `${Date.now()}.424242`,
        recordingUrl: "https://rec.example.com/secret.mp3",
      },
    });
    const cookie = await signIn(me.email, TEST_PASSWORD);
    const secretDigits = secret.phone.slice(-10);
    let requests = 0;
    const check = (label: string, res: { status: number; json: unknown }) => {
      requests++;
      expect(res.status, label).toBeLessThan(500);
      const text = JSON.stringify(res.json);
      expect(text.includes(secretDigits) || text.includes("Secret Owner Lead"), `${label} leaked`).toBe(false);
    };

    // 1. Every route and method: fuzzed bodies and query strings, signed in and signed out, with
    //    another agent's ids in the path.
    const handlers = await allHandlers();
    const queryKeys = fc.constantFrom(
      "q",
      "status",
      "ownerId",
      "cursor",
      "limit",
      "sort",
      "order",
      "since",
      "direction",
      "agentId",
      "from",
      "to",
      "actorId",
      "action",
      "targetId",
      "all",
      "scope",
      "leadId",
      "lastEventId",
    );
    const exercised = new Set<string>();
    for (const { route, method, handler } of handlers) {
      await fc.assert(
        fc.asyncProperty(
          hostileBody,
          fc.dictionary(queryKeys, hostileString, { maxKeys: 3 }),
          fc.boolean(),
          async (body, query, signedIn) => {
            const qs = new URLSearchParams(query as Record<string, string>).toString();
            const res = await call(handler, {
              path: `${route.replaceAll("[id]", secret.id)}${qs ? `?${qs}` : ""}`,
              method,
              cookie: signedIn ? cookie : undefined,
              rawBody: method === "GET" ? undefined : body,
              headers: { "content-type": "application/json" },
              params: { id: method === "GET" && route.includes("/calls/") ? secretCall.id : secret.id },
            });
            check(`${method} ${route} ${body.slice(0, 60)} ?${qs.slice(0, 60)}`, res);
            exercised.add(`${method} ${route}`);
          },
        ),
        { numRuns: method === "GET" ? 6 : 10 },
      );
    }
    expect([...exercised].sort()).toEqual(handlers.map((h) => `${h.method} ${h.route}`).sort());

    // 2. Fuzzed query strings on the list routes.
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(leadsRoute.GET, callsRoute.GET),
        fc.dictionary(
          fc.constantFrom("q", "status", "ownerId", "cursor", "limit", "sort", "order", "since", "direction", "agentId"),
          hostileString,
          { maxKeys: 4 },
        ),
        async (handler, query) => {
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          const res = await call(handler, { path: `/api/v1/x?${qs}`, cookie });
          check(`GET ?${qs.slice(0, 80)}`, res);
          if (res.status === 200) expect((res.json as { items: { id: string }[] }).items.some((i) => i.id === secret.id)).toBe(false);
        },
      ),
      { numRuns: 60 },
    );

    // 3. Another agent's ids on every id route: 404, never the record.
    const idRoutes: [string, Handler, string, unknown?][] = [
      ["GET lead", leadRoute.GET, "GET"],
      ["PATCH lead", leadRoute.PATCH, "PATCH", { status: "WON" }],
      ["GET activities", activitiesRoute.GET, "GET"],
      ["POST note", notesRoute.POST, "POST", { body: "hi" }],
    ];
    for (const [label, handler, method, body] of idRoutes) {
      const res = await call(handler, { path: "/x", method, cookie, params: { id: secret.id }, body });
      check(label, res);
      expect(res.status, label).toBe(404);
    }
    for (const [label, handler] of [
      ["GET call", callRoute.GET],
      ["GET recording", recordingRoute.GET],
    ] as [string, Handler][]) {
      const res = await call(handler, { path: "/x", cookie, params: { id: secretCall.id } });
      check(label, res);
      expect(res.status, label).toBe(404);
    }
    const hang = await call(hangupRoute.POST, { path: "/x", cookie, body: { call_id: secretCall.providerCallId } });
    check("hangup other's call", hang);
    expect(hang.status).toBe(404);
    const ctc = await call(clickRoute.POST, { path: "/x", cookie, body: { leadId: secret.id } });
    check("click-to-call other's lead", ctc);
    expect(ctc.status).toBe(404);
    for (const [label, handler, method] of [
      ["telephony", telephonyRoute.GET, "GET"],
      ["users PATCH", userRoute.PATCH, "PATCH"],
    ] as [string, Handler, string][]) {
      const res = await call(handler, {
        path: "/x",
        method,
        cookie,
        params: { id: other.id },
        body: method === "PATCH" ? { role: "ADMIN" } : undefined,
      });
      check(label, res);
      expect(res.status, label).toBe(404);
    }
    // 4. Odd encodings on the webhook: binary, wrong charset, huge.
    for (const [type, body] of [
      ["application/json; charset=utf-16", Buffer.from('{"call_id":"1"}', "utf16le").toString("latin1")],
      ["application/octet-stream", "\u00ff\u00fe\u0000\u0001"],
      ["application/x-www-form-urlencoded", "%E0%A4%A=broken&call_id=%%%"],
      ["application/json", `{"a":"${"é".repeat(200_000)}"}`],
    ] as const) {
      const res = await call(webhookRoute.POST, { path: "/api/v1/smartflo/webhook", rawBody: body, headers: { "content-type": type } });
      check(`webhook ${type}`, res);
    }
    // 5. Every route that reads a body: nesting 10,000 deep, and a Content-Length that lies (larger
    //    than the limit; smaller than the body). Never a 5xx; too large is 413.
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    for (const { route, method, handler } of handlers.filter((h) => h.method !== "GET")) {
      const path = route.replaceAll("[id]", secret.id);
      const params = { id: secret.id };
      const nested = await call(handler, { path, method, cookie, rawBody: deep, headers: { "content-type": "application/json" }, params });
      check(`${method} ${route} nested 10,000 deep`, nested);
      const huge = await call(handler, {
        path,
        method,
        cookie,
        rawBody: "{}",
        headers: { "content-type": "application/json", "content-length": String(1024 ** 3) },
        params,
      });
      check(`${method} ${route} with Content-Length 1 GiB`, huge);
    }
    // 6. better-auth's own routes: fuzzed bodies never 5xx; the account endpoints we do not offer are refused.
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/sign-in/email", "/sign-out", "/change-password", "/update-user", "/change-email", "/revoke-other-sessions"),
        hostileBody,
        fc.boolean(),
        async (endpoint, body, signedIn) => {
          const res = await auth.handler(
            new Request(`http://localhost:3000/api/auth${endpoint}`, {
              method: "POST",
              headers: { "content-type": "application/json", origin: "http://localhost:3000", ...(signedIn ? { cookie } : {}) },
              body,
            }),
          );
          requests++;
          expect(res.status, `${endpoint} ${body.slice(0, 60)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
    expect(requests).toBeGreaterThanOrEqual(handlers.length * 6);
  }, 240_000);
});
