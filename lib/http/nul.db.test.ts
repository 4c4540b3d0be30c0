import { describe, expect, it } from "vitest";
import * as leadsRoute from "@/app/api/v1/leads/route";
import { uniquePhone } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { restoreEnvAfterEach, session } from "@/scripts/test/sessions";

restoreEnvAfterEach();

describe("NUL characters (PostgreSQL's text refuses them)", () => {
  it("are the client's error, naming the field, in a body or a query string", async () => {
    const { cookie } = await session();
    const body = await call(leadsRoute.POST, { path: "/api/v1/leads", cookie, body: { name: "A\u0000B", phone: uniquePhone() } });
    expect(body.status).toBe(422);
    expect(body.json.error.fields.name).toBe("must not contain NUL characters");
    const query = await call(leadsRoute.GET, { path: "/api/v1/leads?ownerId=%00", cookie });
    expect(query.status).toBe(422);
    expect(query.json.error.fields.ownerId).toBe("must not contain NUL characters");
  });
});
