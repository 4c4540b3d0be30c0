// A protocol-faithful local Smartflo: the REST endpoints the CRM uses, tokens that expire,
// switchable faults, calls played out in (compressible) time, and the webhooks an account would
// fire, with a recording it serves itself. For development and tests only; never in production.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseIstStamp } from "../time";
import { makeWav, parseRange } from "./audio";
import { breakApi, type SimBreaks } from "./breaks";
import { dndApi, type SimDnd } from "./dnd";
import { type Fault, type FaultKind, resolveOptions, type Scenario, type SimulatorOptions } from "./options";
import * as payloads from "./payloads";
import { CallPlayback } from "./playback";

export type { Fault, FaultKind, Scenario, SimulatorOptions } from "./options";

const API_PREFIX = "/v1";

export class SmartfloSimulator extends CallPlayback {
  private server: Server | null = null;
  private tokens = new Map<string, number>();
  private faults: Fault[] = [];
  /** Agents on a Smartflo dialer break, by agent number. */
  readonly breaks: SimBreaks = new Map();
  /** The account's DND list and blocked numbers (ten digits). */
  readonly dnd: SimDnd = { dnd: new Set(), blocked: new Set() };
  readonly requests: { method: string; path: string; query: Record<string, string>; body: unknown }[] = [];

  constructor(options: SimulatorOptions = {}) {
    super(resolveOptions(options));
  }

  configure(patch: Partial<SimulatorOptions>) {
    Object.assign(this.opts, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
  }
  addFault(fault: Fault) {
    this.faults.push({ ...fault });
  }
  reset() {
    this.clearCalls();
    this.faults = [];
    this.requests.length = 0;
    this.breaks.clear();
    this.dnd.dnd.clear();
    this.dnd.blocked.clear();
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
    this.stopPlayback();
    await this.settle();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
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
    this.requests.push({ method: req.method ?? "GET", path: apiPath, query: Object.fromEntries(url.searchParams), body });

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
    if (apiPath === "/call/options" && req.method === "POST") {
      const intercom = body.intercom == null || body.intercom === "" ? null : String(body.intercom);
      const error = this.callOption(String(body.call_id ?? ""), Number(body.type), String(body.agent_id ?? ""), intercom);
      return error ? this.json(res, 400, { success: false, message: error }) : this.json(res, 200, { success: true, message: "Done" });
    }
    if (apiPath === "/call/records" && req.method === "GET") return this.records(res, url);
    if (apiPath === "/users" && req.method === "GET") return this.json(res, 200, { data: this.users() });
    const answer = breakApi(this.breaks, apiPath, req.method ?? "GET", body) ?? dndApi(this.dnd, apiPath, req.method ?? "GET", body);
    if (answer) return this.json(res, answer[0], answer[1]);
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
    // The demo floor's two agents and its supervisor (the phone rung to monitor), then whoever has called.
    const numbers = new Set(["9000000001", "9000000002", "9000000009", ...[...this.calls.values()].map((c) => c.agentNumber)]);
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
          // The IVR keys the caller presses ("" for none); the simulator's default when not said.
          ...(typeof body.digits === "string" ? { digits: body.digits } : {}),
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
}
