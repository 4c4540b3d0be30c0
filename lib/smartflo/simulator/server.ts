// A protocol-faithful local Smartflo: the REST endpoints the CRM uses, tokens that expire,
// switchable faults, calls played out in (compressible) time, and the webhooks an account would
// fire, with a recording it serves itself. For development and tests only; never in production.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseIstStamp } from "../time";
import { makeWav, parseRange } from "./audio";
import type { SimCall } from "./payloads";
import * as payloads from "./payloads";

export type FaultKind = "401" | "429" | "500" | "timeout" | "success-false" | "invalid-number";
export interface Fault {
  kind: FaultKind;
  /** Only requests to this path (e.g. "/click_to_call"); all API paths when absent. */
  path?: string;
  times: number;
}
export interface Scenario {
  outcome: "answer" | "no-answer" | "busy";
  /** Seconds the customer's phone rings before answering (or giving up). */
  ringSeconds?: number;
  talkSeconds?: number;
}
export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** Where webhooks go (the app's /api/v1/smartflo/webhook, with ?token=). null: none sent. */
  webhookUrl?: string | null;
  /** 0.1 plays a call ten times faster than real time; stamps stay in simulated time. */
  timeScale?: number;
  /** async (Smartflo's default since Oct 2024) answers only ref_id; sync adds call_id. */
  mode?: "async" | "sync";
  apiTokens?: string[];
  email?: string;
  password?: string;
  tokenTtlSeconds?: number;
  agentAnswerSeconds?: number;
  defaultScenario?: Scenario;
  echoCustomIdentifier?: boolean;
  /** Send every webhook this many times (at-least-once delivery). */
  duplicates?: number;
  /** Deliver each call's webhooks newest first, after the call ends. */
  outOfOrder?: boolean;
  /** Drop webhooks (for reconciliation tests): the calls still reach /call/records. */
  dropWebhooks?: boolean;
  didNumber?: string;
  log?: (line: string) => void;
}

interface WebhookLog {
  at: string;
  callId: string;
  trigger: string;
  status: number | "error";
}

const API_PREFIX = "/v1";

export class SmartfloSimulator {
  private server: Server | null = null;
  private opts: Required<Omit<SimulatorOptions, "webhookUrl" | "log">> & { webhookUrl: string | null; log: (l: string) => void };
  private tokens = new Map<string, number>();
  private faults: Fault[] = [];
  private scenarios = new Map<string, Scenario>();
  readonly calls = new Map<
    string,
    SimCall & { realStart: number; timers: NodeJS.Timeout[]; pending: [string, Record<string, string>][] }
  >();
  readonly webhookLog: WebhookLog[] = [];
  readonly requests: { method: string; path: string; body: unknown }[] = [];
  private inflight = new Set<Promise<unknown>>();
  baseUrl = "";

  constructor(options: SimulatorOptions = {}) {
    this.opts = {
      port: options.port ?? 4010,
      host: options.host ?? "127.0.0.1",
      webhookUrl: options.webhookUrl ?? null,
      timeScale: options.timeScale ?? 1,
      mode: options.mode ?? "async",
      apiTokens: options.apiTokens ?? ["sim-token"],
      email: options.email ?? "sim@smartflo.local",
      password: options.password ?? "sim-password",
      tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
      agentAnswerSeconds: options.agentAnswerSeconds ?? 2,
      defaultScenario: options.defaultScenario ?? { outcome: "answer", ringSeconds: 4, talkSeconds: 45 },
      echoCustomIdentifier: options.echoCustomIdentifier ?? true,
      duplicates: options.duplicates ?? 1,
      outOfOrder: options.outOfOrder ?? false,
      dropWebhooks: options.dropWebhooks ?? false,
      didNumber: options.didNumber ?? "08069001234",
      log: options.log ?? (() => {}),
    };
  }

  configure(patch: Partial<SimulatorOptions>) {
    Object.assign(this.opts, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
  }
  setScenario(number: string, scenario: Scenario) {
    this.scenarios.set(number.replace(/\D/g, "").slice(-10), scenario);
  }
  addFault(fault: Fault) {
    this.faults.push({ ...fault });
  }
  reset() {
    for (const c of this.calls.values()) c.timers.forEach(clearTimeout);
    this.calls.clear();
    this.faults = [];
    this.scenarios.clear();
    this.webhookLog.length = 0;
    this.requests.length = 0;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.opts.log(`simulator error: ${(error as Error).message}`);
        if (!res.headersSent) this.json(res, 500, { success: false, message: "Simulator error" });
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.opts.port, this.opts.host, () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://${this.opts.host}:${port}`;
    return this.baseUrl;
  }

  async stop() {
    for (const c of this.calls.values()) c.timers.forEach(clearTimeout);
    await Promise.allSettled([...this.inflight]);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Resolves when every webhook scheduled so far has been delivered. */
  async settle() {
    await Promise.allSettled([...this.inflight]);
  }

  // ---------------------------------------------------------------- HTTP

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  private async readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    if (!text) return {};
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    } catch {
      return Object.fromEntries(new URLSearchParams(text));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sim");
    const path = url.pathname;
    if (path.startsWith("/recordings/")) return this.serveRecording(req, res, path);
    if (path.startsWith("/__sim/")) return this.control(req, res, path, url);
    if (!path.startsWith(API_PREFIX)) return this.json(res, 404, { message: "Not found" });
    const apiPath = path.slice(API_PREFIX.length) || "/";
    const body = req.method === "GET" ? {} : await this.readBody(req);
    this.requests.push({ method: req.method ?? "GET", path: apiPath, body });

    if (apiPath === "/auth/login" && req.method === "POST") {
      if (body.email !== this.opts.email || body.password !== this.opts.password)
        return this.json(res, 401, { success: false, message: "Invalid credentials" });
      const token = randomBytes(24).toString("hex");
      this.tokens.set(token, Date.now() + this.opts.tokenTtlSeconds * 1000);
      return this.json(res, 200, { access_token: token, token_type: "bearer", expires_in: this.opts.tokenTtlSeconds });
    }

    const fault = this.takeFault(apiPath);
    if (fault === "timeout") return; // never answer; the client's timeout fires
    if (fault === "401") return this.json(res, 401, { message: "Unauthenticated." });
    if (fault === "429") return this.json(res, 429, { message: "Too Many Attempts." }, { "Retry-After": "1" });
    if (fault === "500") return this.json(res, 500, { message: "Server Error" });
    if (!this.authorized(req)) return this.json(res, 401, { message: "Unauthenticated." });
    if (fault === "success-false") return this.json(res, 200, { success: false, message: "Agent is not available" });
    if (fault === "invalid-number")
      return this.json(res, 422, {
        success: false,
        message: "The destination number is invalid.",
        errors: { destination_number: ["The destination number format is invalid."] },
      });

    if (apiPath === "/click_to_call" && req.method === "POST") return this.clickToCall(res, body);
    if ((apiPath === "/call/hangup" || apiPath === "/dialer/disconnect_call") && req.method === "POST") return this.hangupApi(res, body);
    if (apiPath === "/live_calls" && req.method === "GET") return this.liveCalls(res, url);
    if (apiPath === "/call/records" && req.method === "GET") return this.records(res, url);
    if (apiPath === "/users" && req.method === "GET") return this.json(res, 200, { data: this.users() });
    return this.json(res, 404, { success: false, message: `No route ${req.method} ${apiPath}` });
  }

  private takeFault(path: string): FaultKind | null {
    const index = this.faults.findIndex((f) => f.times > 0 && (!f.path || f.path === path));
    if (index < 0) return null;
    const fault = this.faults[index]!;
    if (--fault.times <= 0) this.faults.splice(index, 1);
    return fault.kind;
  }

  private authorized(req: IncomingMessage) {
    const header = req.headers.authorization ?? "";
    const token = header.replace(/^Bearer\s+/i, "").trim();
    if (this.opts.apiTokens.includes(token)) return true;
    const expires = this.tokens.get(token);
    return expires !== undefined && expires > Date.now();
  }

  private users() {
    const numbers = new Set(["9000000001", "9000000002", ...[...this.calls.values()].map((c) => c.agentNumber)]);
    return [...numbers].map((n, i) => ({
      id: String(1000 + i),
      name: `Agent ${n.slice(-4)}`,
      email: `agent${n.slice(-4)}@smartflo.local`,
      agent_number: n,
      extension: String(100 + i),
    }));
  }

  private clickToCall(res: ServerResponse, body: Record<string, unknown>) {
    const agentNumber = String(body.agent_number ?? "").trim();
    const destination = String(body.destination_number ?? "").trim();
    const errors: Record<string, string[]> = {};
    if (!agentNumber) errors.agent_number = ["The agent number field is required."];
    if (destination.replace(/\D/g, "").length < 10) errors.destination_number = ["The destination number format is invalid."];
    if (Object.keys(errors).length) return this.json(res, 422, { success: false, message: "The given data was invalid.", errors });
    const call = this.startCall({
      direction: "clicktocall",
      agentNumber,
      customerNumber: destination,
      refId: typeof body.ref_id === "string" && body.ref_id ? body.ref_id : randomUUID(),
      customIdentifier: typeof body.custom_identifier === "string" ? body.custom_identifier : null,
    });
    const answer: Record<string, unknown> = { success: true, message: "Originate successfully queued", ref_id: call.refId };
    if (this.opts.mode === "sync") Object.assign(answer, { call_id: call.callId, uuid: call.uuid });
    return this.json(res, 200, answer);
  }

  private hangupApi(res: ServerResponse, body: Record<string, unknown>) {
    const call = this.calls.get(String(body.call_id ?? ""));
    if (!call) return this.json(res, 400, { success: false, message: "Invalid call id" });
    if (call.state === "ended") return this.json(res, 400, { success: false, message: "Call is not active" });
    this.end(
      call.callId,
      call.state === "answered" ? "answered" : "missed",
      call.state === "answered" ? "NORMAL_CLEARING" : "ORIGINATOR_CANCEL",
    );
    return this.json(res, 200, { success: true, message: "Call hangup successfully" });
  }

  private liveCalls(res: ServerResponse, url: URL) {
    const agent = url.searchParams.get("agent_number");
    const callId = url.searchParams.get("call_id");
    const live = [...this.calls.values()]
      .filter((c) => c.state !== "ended" && (!agent || c.agentNumber === agent) && (!callId || c.callId === callId))
      .map((c) => ({
        call_id: c.callId,
        uuid: c.uuid,
        direction: c.direction === "inbound" ? 1 : 2,
        state: c.state === "answered" ? "Answered" : "Ringing",
        agent_number: c.agentNumber,
        customer_number: c.customerNumber.replace(/\D/g, "").slice(-10),
        custom_identifier: c.customIdentifier ?? undefined,
        created_at: c.startedAt.toISOString(),
      }));
    return this.json(res, 200, live);
  }

  private records(res: ServerResponse, url: URL) {
    const from = parseIstStamp(url.searchParams.get("from_date"));
    const to = parseIstStamp(url.searchParams.get("to_date"));
    if (!from || !to) return this.json(res, 422, { success: false, message: "from_date and to_date are required (YYYY-MM-DD HH:MM:SS)" });
    const page = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
    const limit = Math.min(100, Math.max(1, Number(url.searchParams.get("limit") ?? 20) || 20));
    const ended = [...this.calls.values()]
      .filter((c) => c.state === "ended" && c.startedAt >= from && c.startedAt <= to)
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    return this.json(res, 200, { count: ended.length, results: ended.slice((page - 1) * limit, page * limit).map(payloads.record) });
  }

  private serveRecording(req: IncomingMessage, res: ServerResponse, path: string) {
    const uuid = path.slice("/recordings/".length).replace(/\.wav$/, "");
    const call = [...this.calls.values()].find((c) => c.uuid === uuid);
    if (!call || !call.recordingUrl) return this.json(res, 404, { message: "Recording not found" });
    const audio = makeWav(Math.min(call.talkSeconds, 8));
    const range = parseRange(req.headers.range, audio.length);
    if (range === "invalid") {
      res.writeHead(416, { "Content-Range": `bytes */${audio.length}` });
      return res.end();
    }
    const headers = { "Content-Type": "audio/wav", "Accept-Ranges": "bytes" };
    if (!range) {
      res.writeHead(200, { ...headers, "Content-Length": audio.length });
      return res.end(req.method === "HEAD" ? undefined : audio);
    }
    res.writeHead(206, {
      ...headers,
      "Content-Length": range.end - range.start + 1,
      "Content-Range": `bytes ${range.start}-${range.end}/${audio.length}`,
    });
    return res.end(req.method === "HEAD" ? undefined : audio.subarray(range.start, range.end + 1));
  }

  private async control(req: IncomingMessage, res: ServerResponse, path: string, url: URL) {
    const body = req.method === "GET" ? {} : await this.readBody(req);
    if (path === "/__sim/config" && req.method === "POST") {
      this.configure(body as Partial<SimulatorOptions>);
      return this.json(res, 200, { ok: true });
    }
    if (path === "/__sim/scenario" && req.method === "POST") {
      this.setScenario(String(body.number ?? ""), body as unknown as Scenario);
      return this.json(res, 200, { ok: true });
    }
    if (path === "/__sim/fault" && req.method === "POST") {
      this.addFault({
        kind: body.kind as FaultKind,
        path: typeof body.path === "string" ? body.path : undefined,
        times: Number(body.times ?? 1),
      });
      return this.json(res, 200, { ok: true });
    }
    if (path === "/__sim/reset" && req.method === "POST") {
      this.reset();
      return this.json(res, 200, { ok: true });
    }
    if (path === "/__sim/inbound" && req.method === "POST") {
      const call = this.startCall({
        direction: "inbound",
        agentNumber: String(body.agent_number ?? "9000000001"),
        customerNumber: String(body.from ?? ""),
        refId: "",
        customIdentifier: null,
        scenario: {
          outcome: body.outcome === "no-answer" ? "no-answer" : "answer",
          ringSeconds: Number(body.ringSeconds ?? 3),
          talkSeconds: Number(body.talkSeconds ?? 40),
        },
      });
      return this.json(res, 200, { call_id: call.callId });
    }
    if (path === "/__sim/calls")
      return this.json(
        res,
        200,
        [...this.calls.values()].map(({ timers: _t, pending: _p, ...c }) => c),
      );
    if (path === "/__sim/webhooks") return this.json(res, 200, this.webhookLog.slice(-Number(url.searchParams.get("last") ?? 200)));
    return this.json(res, 404, { message: "Unknown simulator control" });
  }

  // ---------------------------------------------------------------- call playback

  private simNow(call: { realStart: number; startedAt: Date }) {
    const elapsedSimMs = (Date.now() - call.realStart) / this.opts.timeScale;
    return new Date(call.startedAt.getTime() + elapsedSimMs);
  }

  private at(call: { timers: NodeJS.Timeout[] }, simSeconds: number, fn: () => void) {
    call.timers.push(setTimeout(fn, simSeconds * 1000 * this.opts.timeScale));
  }

  startCall(input: {
    direction: SimCall["direction"];
    agentNumber: string;
    customerNumber: string;
    refId: string;
    customIdentifier: string | null;
    scenario?: Scenario;
  }) {
    const now = new Date();
    const callId = `${Math.floor(now.getTime() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
    const uuid = randomUUID();
    const call: SimCall & { realStart: number; timers: NodeJS.Timeout[]; pending: [string, Record<string, string>][] } = {
      callId,
      uuid,
      refId: input.refId,
      customIdentifier: input.customIdentifier,
      direction: input.direction,
      agentNumber: input.agentNumber,
      customerNumber: input.customerNumber,
      didNumber: this.opts.didNumber,
      startedAt: now,
      agentAnsweredAt: null,
      answeredAt: null,
      endedAt: null,
      state: "agent-ringing",
      outcome: null,
      hangupCause: null,
      talkSeconds: 0,
      recordingUrl: null,
      realStart: Date.now(),
      timers: [],
      pending: [],
    };
    this.calls.set(callId, call);
    const scenario = input.scenario ?? this.scenarios.get(input.customerNumber.replace(/\D/g, "").slice(-10)) ?? this.opts.defaultScenario;
    const echo = this.opts.echoCustomIdentifier;
    this.opts.log(`call ${callId} ${input.direction} agent ${input.agentNumber} → ${input.customerNumber} (${scenario.outcome})`);

    if (input.direction === "clicktocall") {
      this.emit(call, "dialed_on_agent", payloads.dialedOnAgent(call, echo));
      const agentAnswer = this.opts.agentAnswerSeconds;
      this.at(call, agentAnswer, () => {
        call.agentAnsweredAt = this.simNow(call);
        call.state = "customer-ringing";
        this.emit(call, "answered_by_agent", payloads.answeredByAgent(call, echo));
      });
      const ring = scenario.ringSeconds ?? (scenario.outcome === "busy" ? 2 : scenario.outcome === "no-answer" ? 30 : 4);
      if (scenario.outcome === "answer") {
        this.at(call, agentAnswer + ring, () => {
          call.answeredAt = this.simNow(call);
          call.state = "answered";
          this.emit(call, "answered_by_customer", payloads.answeredByCustomer(call, echo));
        });
        this.at(call, agentAnswer + ring + (scenario.talkSeconds ?? 45), () => this.end(callId, "answered", "NORMAL_CLEARING"));
      } else {
        this.at(call, agentAnswer + ring, () => this.end(callId, "missed", scenario.outcome === "busy" ? "USER_BUSY" : "NO_ANSWER"));
      }
    } else {
      const ring = scenario.ringSeconds ?? 3;
      if (scenario.outcome === "answer") {
        this.at(call, ring, () => {
          call.answeredAt = this.simNow(call);
          call.state = "answered";
        });
        this.at(call, ring + (scenario.talkSeconds ?? 40), () => this.end(callId, "answered", "NORMAL_CLEARING"));
      } else {
        this.at(call, ring, () => this.end(callId, "missed", "NO_ANSWER"));
      }
    }
    return call;
  }

  private end(callId: string, outcome: "answered" | "missed", cause: string) {
    const call = this.calls.get(callId);
    if (!call || call.state === "ended") return;
    call.timers.forEach(clearTimeout);
    call.timers = [];
    call.endedAt = this.simNow(call);
    call.outcome = outcome === "answered" && call.answeredAt ? "answered" : "missed";
    call.hangupCause = call.outcome === "missed" && cause === "NORMAL_CLEARING" ? "ORIGINATOR_CANCEL" : cause;
    call.talkSeconds =
      call.outcome === "answered" && call.answeredAt
        ? Math.max(1, Math.round((call.endedAt.getTime() - call.answeredAt.getTime()) / 1000))
        : 0;
    call.recordingUrl =
      call.outcome === "answered" ? `${this.baseUrl}/recordings/${call.uuid}.wav?token=${randomBytes(8).toString("hex")}` : null;
    call.state = "ended";
    this.emit(call, "hangup", payloads.hangup(call, this.opts.echoCustomIdentifier));
    if (this.opts.outOfOrder) {
      const queued = call.pending.splice(0).reverse();
      for (const [trigger, body] of queued) this.deliver(call.callId, trigger, body);
    }
  }

  private emit(call: { callId: string; pending: [string, Record<string, string>][] }, trigger: string, body: Record<string, string>) {
    if (this.opts.outOfOrder) {
      call.pending.push([trigger, body]);
      return;
    }
    this.deliver(call.callId, trigger, body);
  }

  private deliver(callId: string, trigger: string, body: Record<string, string>) {
    if (!this.opts.webhookUrl || this.opts.dropWebhooks) {
      this.webhookLog.push({ at: new Date().toISOString(), callId, trigger, status: this.opts.dropWebhooks ? "error" : 0 });
      return;
    }
    for (let i = 0; i < Math.max(1, this.opts.duplicates); i++) {
      const sending = fetch(this.opts.webhookUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "User-Agent": "Smartflo-Simulator/1.0" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      })
        .then(async (r) => {
          await r.text();
          this.webhookLog.push({ at: new Date().toISOString(), callId, trigger, status: r.status });
        })
        .catch((error: unknown) => {
          this.webhookLog.push({ at: new Date().toISOString(), callId, trigger, status: "error" });
          this.opts.log(`webhook ${trigger} for ${callId} failed: ${(error as Error).message}`);
        });
      this.inflight.add(sending);
      void sending.finally(() => this.inflight.delete(sending));
    }
  }
}
