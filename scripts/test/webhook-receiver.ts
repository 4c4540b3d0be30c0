// A real HTTP endpoint for the simulator's webhooks in tests, handing each delivery to the app's
// route handler exactly as Next.js would.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as webhookRoute from "@/app/api/v1/smartflo/webhook/route";

export async function startWebhookReceiver(): Promise<{ url: string; statuses: number[]; close: () => Promise<void> }> {
  const statuses: number[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const response = await webhookRoute.POST(request, { params: Promise.resolve({}) });
    statuses.push(response.status);
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/smartflo/webhook`,
    statuses,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
