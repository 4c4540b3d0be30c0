// The OpenAPI 3.1 document of this API (no session needed): GET /api/v1/openapi.json.
import { route } from "@/lib/api/handler";
import { openApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/env";

export const GET = route(async () => Response.json(openApiDocument(env.APP_URL.replace(/\/$/, ""))));
