// The OpenAPI document against the route files and a real JSON Schema validator (Ajv, draft 2020-12).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { apiLeadSchema } from "../intake/schemas";
import { createLeadSchema } from "../leads/schemas";
import { TEST_EVENT, WEBHOOK_EVENTS } from "../outbound/events";
import { openApiDocument } from "./openapi";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Every exported method of every route file, as "METHOD /api/v1/path/{param}". */
function routeOperations(dir = API_DIR, prefix = "/api/v1"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return routeOperations(path.join(dir, e.name), `${prefix}/${e.name.replace(/^\[(\w+)\]$/, "{$1}")}`);
    if (e.name !== "route.ts") return [];
    const text = readFileSync(path.join(dir, e.name), "utf8");
    return [...text.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1]} ${prefix}`);
  });
}

type Doc = {
  openapi: string;
  webhooks: Record<string, { post: { requestBody: { content: { "application/json": { schema: object } } } } }>;
  paths: Record<string, Record<string, { requestBody?: { content: { "application/json": { schema: object } } } }>>;
};
const doc = openApiDocument("http://localhost:3000") as Doc;

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 and lists every route under app/api/v1, and nothing that is not one", () => {
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const routes = routeOperations();
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((d) => !routes.includes(d))).toEqual([]);
  });

  it("has request schemas a real validator compiles, which agree with the zod schemas the routes use", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content["application/json"].schema;
        if (schema) expect(() => ajv.compile(schema), `${m} ${p}`).not.toThrow();
      }
    const leadBody = ajv.compile(doc.paths["/api/v1/leads"]!.post!.requestBody!.content["application/json"].schema);
    const samples: unknown[] = [
      { name: "Ravi", phone: "98765 43210" },
      { name: "Asha", phone: "+91 98100 15838", consent: true, utm: { source: "google" } },
      { name: "", phone: "1" },
      { phone: "98765 43210" },
      { name: "Ravi", phone: "98765 43210", unknown: 1 },
    ];
    for (const sample of samples) {
      // JSON Schema cannot say everything zod checks (a readable phone): what zod accepts, the document must accept.
      const zodAccepts = createLeadSchema.safeParse(sample).success || apiLeadSchema.safeParse(sample).success;
      if (zodAccepts) expect(leadBody(sample), JSON.stringify(sample)).toBe(true);
    }
    expect(leadBody({ phone: "98765 43210" })).toBe(false);
    expect(leadBody({ name: "Ravi", phone: "98765 43210", unknown: 1 })).toBe(false);
  });

  it("lists every outgoing webhook event in `webhooks`, each with a payload schema a real validator compiles", () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...WEBHOOK_EVENTS, TEST_EVENT].sort());
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    for (const [type, op] of Object.entries(doc.webhooks)) {
      const validate = ajv.compile(op.post.requestBody.content["application/json"].schema);
      expect(validate({ type, timestamp: "2026-12-04T03:00:00.000Z", data: {} }), type).toBe(false);
    }
  });
});
