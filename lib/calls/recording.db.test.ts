// The recording proxy treats a webhook's recording_url as hostile: allowlisted hosts only, no
// private addresses (checked after DNS), redirects re-checked, audio re-served inertly, size
// capped, every play audited. A local HTTP server plays the simulator's origin and the attacker.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as recordingRoute from "@/app/api/v1/calls/[id]/recording/route";
import { makeLead, makeUser, TEST_PASSWORD } from "@/scripts/test/factories";
import { call, signIn } from "@/scripts/test/http";
import { db } from "../db";
import { env } from "../env";
import { resetSmartfloClient } from "../smartflo";
import { recordingLimits } from "./recording";

let server: Server;
let origin = "";
const hits: string[] = [];
const saved = { ...env };
const savedLimits = { ...recordingLimits };

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/v1/recordings/ok.wav") {
      res.writeHead(200, { "content-type": "audio/x-wav", "content-length": "4" });
      return res.end("RIFF");
    }
    if (url.pathname === "/v1/recordings/page.html") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<script>alert(document.cookie)</script>");
    }
    if (url.pathname === "/v1/recordings/out") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      return res.end();
    }
    if (url.pathname === "/v1/recordings/loop") {
      res.writeHead(302, { location: `/v1/recordings/loop?n=${Number(url.searchParams.get("n") ?? 0) + 1}` });
      return res.end();
    }
    if (url.pathname === "/v1/recordings/hop") {
      res.writeHead(301, { location: "/v1/recordings/ok.wav" });
      return res.end();
    }
    if (url.pathname === "/v1/recordings/big.mp3") {
      res.writeHead(200, { "content-type": "audio/mpeg", "content-length": String(recordingLimits.maxBytes + 1) });
      return res.end();
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  for (const key of Object.keys(env)) if (!(key in saved)) delete (env as Record<string, unknown>)[key];
  Object.assign(env, saved);
  Object.assign(recordingLimits, savedLimits);
  resetSmartfloClient();
  hits.length = 0;
});

/** The simulator is the Smartflo in use, at our test server's origin. */
function useSimulator() {
  env.SMARTFLO_SIMULATOR = "1";
  env.SMARTFLO_API_TOKEN = "sim-token";
  env.SMARTFLO_BASE_URL = `${origin}/v1`;
  resetSmartfloClient();
}

async function recordingOf(url: string) {
  const { user } = await makeUser();
  const lead = await makeLead({ ownerId: user.id });
  const c = await db.call.create({
    data: { leadId: lead.id, agentId: user.id, direction: "OUTBOUND", status: "COMPLETED", recordingUrl: url },
  });
  const cookie = await signIn(user.email, TEST_PASSWORD);
  return {
    id: c.id,
    user,
    get: (range?: string) => call(recordingRoute.GET, { path: "/x", cookie, params: { id: c.id }, headers: range ? { range } : {} }),
  };
}

describe("which recording addresses are fetched", () => {
  it("refuses hosts off the allowlist, plain http, and credentials in the URL (502 with a message, no request made)", async () => {
    for (const [url, message] of [
      ["https://evil.example/rec.mp3", /evil\.example is not a recording host we fetch from \(SMARTFLO_RECORDING_HOSTS\)/],
      [`${origin}/v1/recordings/ok.wav`, /only https/],
      ["https://user:pw@rec.tatateleservices.com/x.mp3", /credentials/],
      ["file:///etc/passwd", /only https/],
    ] as const) {
      const res = await (await recordingOf(url)).get();
      expect(res.status, url).toBe(502);
      expect(res.json.error.message, url).toMatch(message);
    }
    expect(hits).toEqual([]);
  });

  it("refuses an allowlisted name that resolves to a private address, and private address literals", async () => {
    env.SMARTFLO_RECORDING_HOSTS = ["localhost:*".replace(":*", `:${new URL(origin).port}`), "169.254.169.254", "10.0.0.7"];
    const local = await (await recordingOf(`https://localhost:${new URL(origin).port}/v1/recordings/ok.wav`)).get();
    expect(local.status).toBe(502);
    expect(local.json.error.message).toMatch(/localhost resolves to a non-public address/);
    for (const url of ["https://169.254.169.254/latest/meta-data/", "https://10.0.0.7/x.mp3"]) {
      const res = await (await recordingOf(url)).get();
      expect(res.status, url).toBe(502);
      expect(res.json.error.message, url).toMatch(/is not a public address/);
    }
    expect(hits).toEqual([]);
  });

  it("takes the simulator's own origin only while the simulator is the Smartflo in use", async () => {
    const rec = await recordingOf(`${origin}/v1/recordings/ok.wav`);
    expect((await rec.get()).status).toBe(502);
    useSimulator();
    const ok = await rec.get();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("audio/wav");
    expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
    expect(ok.headers.get("content-security-policy")).toBe("sandbox");
    expect(ok.text).toBe("RIFF");
  });
});

describe("what comes back", () => {
  it("re-serves anything that is not audio as an inert download", async () => {
    useSimulator();
    const res = await (await recordingOf(`${origin}/v1/recordings/page.html`)).get();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="recording-/);
    expect(res.headers.get("content-security-policy")).toBe("sandbox");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("follows redirects by hand: each hop is checked, at most three", async () => {
    useSimulator();
    const hop = await (await recordingOf(`${origin}/v1/recordings/hop`)).get();
    expect(hop.status).toBe(200);
    expect(hop.headers.get("content-type")).toBe("audio/wav");
    const out = await (await recordingOf(`${origin}/v1/recordings/out`)).get();
    expect(out.status).toBe(502);
    expect(out.json.error.message).toMatch(/only https/);
    hits.length = 0;
    const loop = await (await recordingOf(`${origin}/v1/recordings/loop`)).get();
    expect(loop.status).toBe(502);
    expect(loop.json.error.message).toMatch(/more than 3 redirects/);
    expect(hits).toHaveLength(4);
  });

  it("refuses a recording over the size cap", async () => {
    useSimulator();
    const res = await (await recordingOf(`${origin}/v1/recordings/big.mp3`)).get();
    expect(res.status).toBe(502);
    expect(res.json.error.message).toMatch(/too large/);
  });

  it("audits each play (not each seek within it): who listened to which call", async () => {
    useSimulator();
    const rec = await recordingOf(`${origin}/v1/recordings/ok.wav`);
    expect((await rec.get()).status).toBe(200);
    expect((await rec.get("bytes=0-")).status).toBe(206);
    expect((await rec.get("bytes=2-3")).status).toBe(206);
    const plays = await db.auditEvent.findMany({ where: { action: "recording.played", targetId: rec.id } });
    expect(plays).toHaveLength(2);
    expect(plays[0]).toMatchObject({ actorId: rec.user.id, targetType: "call" });
  });
});
