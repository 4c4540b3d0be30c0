// Tests against the lead-sources simulator with real HTTP both ways: the connectors pointed at its
// Graph and IndiaMART APIs, and its notifications and webhooks delivered over HTTP to the app's
// route handler (app/api/v1/integrations/[kind]/webhook). Registers the vitest hooks it needs.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import * as webhookRoute from "@/app/api/v1/integrations/[kind]/webhook/route";
import { LeadSourcesSimulator, SIM_SECRETS } from "@/lib/connectors/simulator/server";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

async function startReceiver(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const kind = /^\/api\/v1\/integrations\/([^/]+)\/webhook/.exec(req.url ?? "")?.[1] ?? "";
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const handler = req.method === "GET" ? webhookRoute.GET : webhookRoute.POST;
    const response = await handler(request, { params: Promise.resolve({ kind }) });
    res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** The simulator and a receiver, started before the file's tests; platform state and connector rows reset before each. */
export function simulatedLeadSources() {
  const sim = new LeadSourcesSimulator({ indiamartMinIntervalSeconds: 0 });
  const saved = { ...env };
  let receiver: Awaited<ReturnType<typeof startReceiver>> | null = null;
  beforeAll(async () => {
    receiver = await startReceiver();
    sim.configure({ appUrl: receiver.url });
    await sim.start();
    Object.assign(env, {
      META_APP_SECRET: SIM_SECRETS.metaAppSecret,
      META_VERIFY_TOKEN: SIM_SECRETS.metaVerifyToken,
      META_PAGE_ACCESS_TOKEN: SIM_SECRETS.metaPageToken,
      META_GRAPH_URL: sim.graphUrl,
      GOOGLE_ADS_WEBHOOK_KEY: SIM_SECRETS.googleKey,
      INDIAMART_CRM_KEY: SIM_SECRETS.indiamartKey,
      INDIAMART_URL: sim.indiamartUrl,
      INDIAMART_PULL_INTERVAL_SECONDS: 300,
    });
  });
  afterAll(async () => {
    await sim.stop();
    await receiver?.close();
    Object.assign(env, saved);
  });
  const clean = async () => {
    sim.reset();
    await db.integration.deleteMany();
  };
  beforeEach(clean);
  afterEach(clean);
  return { sim };
}
