// A protocol-faithful local stand-in for the three lead platforms, for development and tests (never
// production), in one HTTP server:
// - Meta: the Graph API the connector reads (/meta/v23.0: a lead, a form, a form's leads with
//   time_created filtering and paging, the Page's forms, subscribed_apps), with Page-token checks,
//   and the notifications Meta sends (signed with the app secret; the GET handshake).
// - Google Ads: the lead form webhook's POSTs (WebhookLead with google_key, is_test).
// - IndiaMART: the CRM listing API v2 (/indiamart/wservce/crm/crmListing/v2/), its IST windows,
//   CODE answers and minimum interval per key.
// Controls under /__sim: make a lead on a platform (delivered or lost, late, repeated, badly
// signed), faults (expired token, throttling, outage), reset. Used by `npm run dev`, e2e and tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GoogleSim } from "./google";
import { IndiamartSim } from "./indiamart";
import { MetaSim } from "./meta";

export { SIM_SECRETS } from "./secrets";

export type SimFaultKind = "expired_token" | "rate_limit" | "unavailable" | "bad_key";
export interface SimFault {
  target: "graph" | "indiamart";
  kind: SimFaultKind;
  /** How many requests it answers (then it is gone). */
  times: number;
}

export interface LeadSourcesSimOptions {
  port?: number;
  host?: string;
  /** The CRM the notifications and webhooks go to (http://localhost:3000). */
  appUrl?: string;
  /** The minimum seconds between two IndiaMART pulls with one key (IndiaMART: 300). */
  indiamartMinIntervalSeconds?: number;
  log?: (line: string) => void;
}

export class LeadSourcesSimulator {
  readonly opts: Required<LeadSourcesSimOptions>;
  private server: Server | null = null;
  baseUrl = "";
  faults: SimFault[] = [];
  readonly meta: MetaSim;
  readonly google: GoogleSim;
  readonly indiamart: IndiamartSim;

  constructor(options: LeadSourcesSimOptions = {}) {
    this.opts = {
      port: 0,
      host: "127.0.0.1",
      appUrl: "http://localhost:3000",
      indiamartMinIntervalSeconds: 300,
      log: () => {},
      ...options,
    };
    this.meta = new MetaSim(this);
    this.google = new GoogleSim(this);
    this.indiamart = new IndiamartSim(this);
  }

  configure(patch: Partial<LeadSourcesSimOptions>) {
    Object.assign(this.opts, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
  }

  /** The first fault for this target, used up by one request. */
  takeFault(target: SimFault["target"]): SimFault | null {
    const fault = this.faults.find((f) => f.target === target && f.times > 0);
    if (!fault) return null;
    fault.times--;
    return fault;
  }

  reset() {
    this.faults = [];
    this.meta.reset();
    this.google.reset();
    this.indiamart.reset();
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.opts.log(`simulator error: ${(error as Error).message}`);
        if (!res.headersSent) json(res, 500, { error: "simulator error" });
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.opts.port, this.opts.host, () => resolve());
    });
    this.baseUrl = `http://${this.opts.host}:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  /** Where the connectors point: META_GRAPH_URL and INDIAMART_URL. */
  get graphUrl() {
    return `${this.baseUrl}/meta/v23.0`;
  }
  get indiamartUrl() {
    return `${this.baseUrl}/indiamart/wservce/crm/crmListing/v2/`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sim");
    const body = req.method === "POST" || req.method === "PUT" ? await readJson(req) : {};
    if (url.pathname.startsWith("/meta/v23.0/")) return this.meta.graph(req, url, res);
    if (url.pathname.startsWith("/indiamart/wservce/crm/crmListing/v2")) return this.indiamart.listing(url, res);
    if (url.pathname === "/__sim/meta/leads" && req.method === "POST") return json(res, 200, await this.meta.newLead(body));
    if (url.pathname === "/__sim/meta/handshake" && req.method === "POST") return json(res, 200, await this.meta.handshake(body));
    if (url.pathname === "/__sim/google-ads/leads" && req.method === "POST") return json(res, 200, await this.google.newLead(body));
    if (url.pathname === "/__sim/indiamart/leads" && req.method === "POST") return json(res, 200, this.indiamart.newLead(body));
    if (url.pathname === "/__sim/faults" && req.method === "POST") {
      this.faults.push({
        target: body.target === "indiamart" ? "indiamart" : "graph",
        kind: body.kind as SimFaultKind,
        times: Number(body.times ?? 1),
      });
      return json(res, 200, { ok: true });
    }
    if (url.pathname === "/__sim/reset" && req.method === "POST") {
      this.reset();
      return json(res, 200, { ok: true });
    }
    json(res, 404, { error: `no such simulator path ${url.pathname}` });
  }
}

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** POST to the CRM; the answer's status and text (0 when it could not be reached). */
export async function postToApp(url: string, body: string, headers: Record<string, string>) {
  try {
    const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(15_000) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: (error as Error).message };
  }
}
