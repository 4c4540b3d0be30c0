// Request bodies cannot exhaust the server: refused by a declared Content-Length before a byte is
// read, cut off at the limit when the length lies or is absent, and refused when nested deeper than
// anything of ours needs — on every JSON route (4xx) and on the webhook (stored raw, unreadable).
import { describe, expect, it } from "vitest";
import * as leadsRoute from "@/app/api/v1/leads/route";
import * as webhookRoute from "@/app/api/v1/smartflo/webhook/route";
import { makeUser, TEST_PASSWORD } from "../../scripts/test/factories";
import { call, signIn } from "../../scripts/test/http";
import { db } from "../db";
import { jsonTooDeep, MAX_JSON_DEPTH, readBodyText } from "./body";

/** A request whose body stream never ends unless read no further than `limit`. */
function endlessRequest(contentLength?: string) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += 65_536;
      controller.enqueue(new Uint8Array(65_536).fill(0x20));
    },
  });
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (contentLength) headers["content-length"] = contentLength;
  return { request: new Request("http://localhost/x", { method: "POST", headers, body, duplex: "half" } as RequestInit), sent: () => sent };
}

describe("request bodies", () => {
  it("stop at the limit whatever the Content-Length says", async () => {
    const declared = endlessRequest(String(1024 ** 3));
    expect(await readBodyText(declared.request, 64 * 1024)).toEqual({ text: null, bytes: 1024 ** 3 });
    expect(declared.sent()).toBeLessThanOrEqual(65_536);
    const lying = endlessRequest("10");
    expect((await readBodyText(lying.request, 64 * 1024)).text).toBeNull();
    expect(lying.sent()).toBeLessThanOrEqual(3 * 65_536);
    const none = endlessRequest();
    expect((await readBodyText(none.request, 64 * 1024)).text).toBeNull();
  });

  it("measure nesting without recursion, strings and escapes skipped", () => {
    expect(jsonTooDeep("[".repeat(60_000))).toBe(true);
    expect(jsonTooDeep(`{"a":"${"[".repeat(100)}\\"{"}`)).toBe(false);
    expect(jsonTooDeep(`${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`)).toBe(false);
    expect(jsonTooDeep(`${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`)).toBe(true);
  });

  it("on a JSON route: 413 for too large, 400 for too deep, never a 5xx", async () => {
    const { user } = await makeUser();
    const cookie = await signIn(user.email, TEST_PASSWORD);
    const headers = { "content-type": "application/json" };
    const rawBody = JSON.stringify({ name: "x".repeat(70_000) });
    const big = await call(leadsRoute.POST, { path: "/api/v1/leads", cookie, rawBody, headers });
    expect(big.status).toBe(413);
    const deep = await call(leadsRoute.POST, { path: "/api/v1/leads", cookie, rawBody: "[".repeat(60_000), headers });
    expect(deep.status).toBe(400);
    expect(deep.json.error.fields.body).toMatch(/nest/);
  });

  it("on the webhook: a deeply nested delivery is stored as it came and marked unreadable", async () => {
    const raw = `{"call_id":"deep","x":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    const res = await call(webhookRoute.POST, {
      path: "/api/v1/smartflo/webhook",
      rawBody: raw,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    const stored = await db.webhookEvent.findFirstOrThrow({
      where: { bodyBytes: Buffer.byteLength(raw) },
      orderBy: { receivedAt: "desc" },
    });
    expect(stored.status).toBe("REJECTED");
    expect(stored.body).toBe(raw);
    expect(stored.error).toMatch(/^unreadable: .*nested/);
  });
});
