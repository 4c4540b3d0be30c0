// Real answers of every route an API key can reach, checked against the OpenAPI document's
// response schemas by a real validator (Ajv, draft 2020-12): a field added, renamed or dropped in
// the code without the document fails here.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Ajv2020 } from "ajv/dist/2020";
import { afterAll, describe, expect, it } from "vitest";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as callRoute from "@/app/api/v1/calls/[id]/route";
import * as callsRoute from "@/app/api/v1/calls/route";
import * as customFieldsRoute from "@/app/api/v1/custom-fields/route";
import * as leadRoute from "@/app/api/v1/leads/[id]/route";
import * as leadsRoute from "@/app/api/v1/leads/route";
import * as replayRoute from "@/app/api/v1/webhook-deliveries/[id]/replay/route";
import * as deliveriesRoute from "@/app/api/v1/webhook-endpoints/[id]/deliveries/route";
import * as endpointRoute from "@/app/api/v1/webhook-endpoints/[id]/route";
import * as secretRoute from "@/app/api/v1/webhook-endpoints/[id]/secret/route";
import * as testRoute from "@/app/api/v1/webhook-endpoints/[id]/test/route";
import * as endpointsRoute from "@/app/api/v1/webhook-endpoints/route";
import { makeLead, uniquePhone } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { endedCall, session } from "@/scripts/test/sessions";
import { db } from "../db";
import { openApiDocument } from "./openapi";
import { OPERATIONS } from "./openapi-operations";

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: { "application/json": { schema: object } } }> }>>;
};
const doc = openApiDocument("http://localhost:3000") as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const checked = new Set<string>();

/** The answer, validated against the document's schema for this path, method and status. */
function conforms(res: { status: number; json: unknown; text: string }, path: string, method: string) {
  const op = doc.paths[`/api/v1${path}`]?.[method.toLowerCase()];
  const response = op?.responses[String(res.status)];
  expect(response, `${method} ${path} answered ${res.status}, which the document does not list: ${res.text.slice(0, 300)}`).toBeDefined();
  checked.add(`${method} ${path}`);
  if (res.status === 204) return;
  const validate = ajv.compile(response!.content!["application/json"].schema);
  expect(validate(res.json), `${method} ${path}: ${JSON.stringify(validate.errors?.slice(0, 5))}`).toBe(true);
}

const receiver = createServer((_req, res) => res.writeHead(200).end("ok"));
afterAll(async () => {
  await new Promise<void>((r) => receiver.close(() => r()));
  await db.webhookEndpoint.deleteMany({});
});

describe("answers of the routes API keys reach", () => {
  it("every operation a key may call documents its answer", () => {
    const missing = Object.entries(OPERATIONS).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op?.scope && !op.response && op.status !== 204)
        .map(([m]) => `${m} ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it("match the document's response schemas (Ajv)", async () => {
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const admin = await session("ADMIN");
    const key = (
      await call(keysRoute.POST, {
        path: "/api/v1/api-keys",
        cookie: admin.cookie,
        body: { name: `All ${Math.random()}`, scopes: ["leads:write", "leads:read", "calls:read", "webhooks:manage"] },
      })
    ).json.key as string;
    const headers = { authorization: `Bearer ${key}` };

    const viaKey = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      headers,
      body: { name: "Doc Check", phone: uniquePhone(), utm: { source: "google" } },
    });
    conforms(viaKey, "/leads", "POST");
    const again = await call(leadsRoute.POST, { path: "/api/v1/leads", headers, body: { name: "Doc Check", phone: viaKey.json.phone } });
    expect(again.status).toBe(200);
    conforms(again, "/leads", "POST");
    const bySession = await call(leadsRoute.POST, {
      path: "/api/v1/leads",
      cookie: admin.cookie,
      body: { name: "Doc Check 2", phone: uniquePhone() },
    });
    conforms(bySession, "/leads", "POST");
    conforms(await call(leadsRoute.GET, { path: "/api/v1/leads?limit=5", headers }), "/leads", "GET");
    conforms(await call(leadsRoute.GET, { path: "/api/v1/leads?limit=5&q=Doc", headers }), "/leads", "GET");
    const id = viaKey.json.id as string;
    conforms(await call(leadRoute.GET, { path: `/api/v1/leads/${id}`, headers, params: { id } }), "/leads/{id}", "GET");

    const lead = await makeLead({ ownerId: admin.user.id });
    const c = await endedCall(admin.user.id, lead.id);
    await db.call.update({
      where: { id: c.id },
      // An inbound call to our number, with the key pressed in the IVR: every field of the answer filled in.
      data: {
        recordingUrl: "https://x.tatateleservices.com/r.mp3",
        disposition: "Interested",
        direction: "INBOUND",
        dialledNumber: "+918069001234",
        ivrDigits: "1",
      },
    });
    conforms(await call(callsRoute.GET, { path: "/api/v1/calls?limit=5", headers }), "/calls", "GET");
    conforms(
      await call(callsRoute.GET, { path: `/api/v1/calls?limit=5&since=${new Date(Date.now() - 3600_000).toISOString()}`, headers }),
      "/calls",
      "GET",
    );
    conforms(await call(callRoute.GET, { path: `/api/v1/calls/${c.id}`, headers, params: { id: c.id } }), "/calls/{id}", "GET");
    conforms(await call(customFieldsRoute.GET, { path: "/api/v1/custom-fields", headers }), "/custom-fields", "GET");

    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const made = await call(endpointsRoute.POST, { path: "/api/v1/webhook-endpoints", headers, body: { url, events: ["lead.created"] } });
    conforms(made, "/webhook-endpoints", "POST");
    const eid = made.json.id as string;
    conforms(await call(endpointsRoute.GET, { path: "/api/v1/webhook-endpoints", headers }), "/webhook-endpoints", "GET");
    conforms(
      await call(endpointRoute.PATCH, { path: "/x", method: "PATCH", headers, params: { id: eid }, body: { description: "ERP" } }),
      "/webhook-endpoints/{id}",
      "PATCH",
    );
    conforms(
      await call(secretRoute.POST, { path: "/x", method: "POST", headers, params: { id: eid } }),
      "/webhook-endpoints/{id}/secret",
      "POST",
    );
    const tried = await call(testRoute.POST, { path: "/x", method: "POST", headers, params: { id: eid } });
    conforms(tried, "/webhook-endpoints/{id}/test", "POST");
    const log = await call(deliveriesRoute.GET, { path: `/api/v1/webhook-endpoints/${eid}/deliveries`, headers, params: { id: eid } });
    conforms(log, "/webhook-endpoints/{id}/deliveries", "GET");
    const did = tried.json.deliveryId as string;
    conforms(
      await call(replayRoute.POST, { path: "/x", method: "POST", headers, params: { id: did } }),
      "/webhook-deliveries/{id}/replay",
      "POST",
    );
    conforms(
      await call(endpointRoute.DELETE, { path: "/x", method: "DELETE", headers, params: { id: eid } }),
      "/webhook-endpoints/{id}",
      "DELETE",
    );

    // Every documented operation a key may call was exercised above.
    const scoped = Object.entries(OPERATIONS).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op?.scope)
        .map(([m]) => `${m} ${path}`),
    );
    expect(scoped.filter((s) => !checked.has(s))).toEqual([]);
  });
});
