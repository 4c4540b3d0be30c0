// The OpenAPI 3.1 document of /api/v1, built from the zod schemas the routes validate with
// (lib/api/openapi-operations.ts) by zod's own JSON Schema output: nothing written twice by hand.
import { z } from "zod";
import { API_SCOPE_LABELS, API_SCOPES } from "../api-keys/scopes";
import { TEST_EVENT, testEventSchema, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, WEBHOOK_PAYLOADS } from "../outbound/events";
import { type Method, OPERATIONS, type Operation } from "./openapi-operations";

type Json = Record<string, unknown>;

const SCOPES_TEXT = API_SCOPES.map((s) => `${s} (${API_SCOPE_LABELS[s]})`).join(", ");

const ACCESS_TEXT: Record<NonNullable<Operation["access"]>, string> = {
  "signed-in": "A signed-in user; what each role may see and do applies.",
  managers: "Managers and admins.",
  admins: "Admins only.",
  token: "No session: the secret token in the URL (`?token=`) or its header.",
};

const schemaOf = (schema: z.ZodType): Json =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Json;

/** Query parameters from an object schema's properties. */
function parametersOf(query: z.ZodType | undefined, path: string): Json[] {
  const fromPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
  if (!query) return fromPath;
  const json = schemaOf(query) as { properties?: Record<string, Json>; required?: string[] };
  const fromQuery = Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema,
  }));
  return [...fromPath, ...fromQuery];
}

/** "get" + "/leads/{id}/notes" → "getLeadsByIdNotes". */
const operationId = (method: Method, path: string) =>
  method.toLowerCase() +
  path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase());

const responseSchemaOf = (schema: z.ZodType): Json =>
  z.toJSONSchema(schema, { io: "output", unrepresentable: "any", target: "draft-2020-12" }) as Json;

/** The success answers: the route's response schema where it has one (lib/api/responses.ts). */
function responsesOf(method: Method, op: Operation): Json {
  const error = { default: { $ref: "#/components/responses/Error" } };
  if (op.status === 204) return { "204": { description: "Done (no body)" }, ...error };
  if (op.response) {
    const content = { "application/json": { schema: responseSchemaOf(op.response) } };
    if (op.status !== 201) return { "200": { description: "OK", content }, ...error };
    // POST /leads with a key: 201 for a new lead, 200 for someone on file.
    return { "201": { description: "Created", content }, ...(op.keyBody ? { "200": { description: "OK", content } } : {}), ...error };
  }
  return {
    "200": {
      description: "OK",
      content: { [op.produces ?? "application/json"]: { schema: op.produces ? { type: "string" } : { type: "object" } } },
    },
    ...(method === "POST" ? { "201": { description: "Created", content: { "application/json": { schema: { type: "object" } } } } } : {}),
    ...error,
  };
}

function operationOf(method: Method, path: string, op: Operation): Json {
  const body = op.keyBody && op.body ? { anyOf: [schemaOf(op.body), schemaOf(op.keyBody)] } : op.body ? schemaOf(op.body) : null;
  const security: Json[] = !op.access
    ? []
    : op.access === "token"
      ? [{ urlToken: [] }]
      : [{ session: [] }, ...(op.scope ? [{ apiKey: [op.scope] }] : [])];
  return {
    operationId: operationId(method, path),
    summary: op.summary,
    tags: [op.tag],
    description: [op.access ? ACCESS_TEXT[op.access] : "", op.scope ? `An API key with \`${op.scope}\` may call it too.` : ""]
      .filter(Boolean)
      .join(" "),
    security,
    parameters: parametersOf(op.query, path),
    ...(body ? { requestBody: { required: true, content: { "application/json": { schema: body } } } } : {}),
    responses: responsesOf(method, op),
  };
}

const SIGNATURE_HEADERS: Json[] = [
  {
    name: "webhook-id",
    in: "header",
    required: true,
    schema: { type: "string" },
    description: "The event's id: the same on every try (dedupe on it).",
  },
  {
    name: "webhook-timestamp",
    in: "header",
    required: true,
    schema: { type: "string" },
    description: "When this try was sent (Unix seconds).",
  },
  {
    name: "webhook-signature",
    in: "header",
    required: true,
    schema: { type: "string" },
    description:
      'Standard Webhooks: "v1,<base64 HMAC-SHA256>" of "<webhook-id>.<webhook-timestamp>.<body>" under the endpoint\'s secret ' +
      "(whsec_ and base64 bytes); two, space-separated, for 24 hours after the secret is renewed.",
  },
];

/** The events our outgoing webhooks POST to registered endpoints (OpenAPI 3.1 `webhooks`). */
function webhooksOf(): Record<string, Json> {
  const one = (type: string, summary: string, schema: z.ZodType): Json => ({
    post: {
      operationId: `webhook${type.replace(/(^|[._])(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
      summary,
      tags: ["Outgoing webhooks"],
      description: "Answer any 2xx within 10 s. Anything else is tried again with back-off (5 s, 30 s, 2 min, 10 min … 8 h) for 24 hours.",
      parameters: SIGNATURE_HEADERS,
      requestBody: {
        required: true,
        content: { "application/json": { schema: z.toJSONSchema(schema, { io: "output", target: "draft-2020-12" }) } },
      },
      responses: { "2XX": { description: "Received" } },
    },
  });
  return {
    ...Object.fromEntries(WEBHOOK_EVENTS.map((t) => [t, one(t, WEBHOOK_EVENT_LABELS[t], WEBHOOK_PAYLOADS[t])])),
    [TEST_EVENT]: one(TEST_EVENT, "A test event an admin sent", testEventSchema),
  };
}

export function openApiDocument(serverUrl: string): Json {
  const paths: Record<string, Json> = {};
  for (const [path, ops] of Object.entries(OPERATIONS)) {
    paths[`/api/v1${path}`] = Object.fromEntries(
      Object.entries(ops).map(([method, op]) => [method.toLowerCase(), operationOf(method as Method, path, op as Operation)]),
    );
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Smartflo CRM API",
      version: "1",
      description:
        'JSON over HTTP. Errors look like {"error": {"code", "message", "fields"}}: 400 unreadable, 401 not signed in or a bad key, ' +
        "403 not allowed (a key without the scope), 404 unknown or not yours, 409 conflict, 422 a field is wrong (named in `fields`), " +
        "429 slow down (`Retry-After`), 502 Smartflo failed.",
    },
    servers: [{ url: serverUrl }],
    paths,
    webhooks: webhooksOf(),
    components: {
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "better-auth.session_token",
          description: "The browser session (POST /api/auth/sign-in/email).",
        },
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: `Authorization: Bearer <key>, made by an admin. Scopes: ${SCOPES_TEXT}.`,
        },
        urlToken: { type: "apiKey", in: "query", name: "token", description: "A webhook or lead source URL's secret token." },
      },
      responses: {
        Error: {
          description: "An error",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["error"],
                properties: {
                  error: {
                    type: "object",
                    required: ["code", "message"],
                    properties: {
                      code: { type: "string" },
                      message: { type: "string" },
                      fields: { type: "object", additionalProperties: { type: "string" } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
