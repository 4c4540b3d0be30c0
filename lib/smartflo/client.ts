// A typed Smartflo REST client: static token or login with a cached token, timeouts, one re-login
// on 401, bounded back-off on 429 (honouring Retry-After), `success:false` treated as failure.
import "server-only";
import { z } from "zod";
import { type PlainResponse, plainRequest } from "../http/request";
import { SmartfloError } from "./errors";
import {
  type CallRecord,
  clickToCallSchema,
  type LiveCall,
  listOf,
  liveCallSchema,
  loginSchema,
  messageOf,
  recordSchema,
  type SmartfloUser,
  userSchema,
} from "./responses";

export type { CallRecord, LiveCall, SmartfloUser } from "./responses";

export interface SmartfloConfig {
  baseUrl: string;
  apiToken?: string;
  email?: string;
  password?: string;
  hangupPath?: string;
  timeoutMs?: number;
  /** 429 retries before giving up. */
  maxRateLimitRetries?: number;
  /** Longest single wait on a 429, whatever Retry-After says. */
  maxBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ClickToCallInput {
  agentNumber: string;
  destinationNumber: string;
  customIdentifier?: string;
  refId?: string;
  callerId?: string;
  callTimeout?: number;
}

export interface ClickToCallResult {
  refId: string | null;
  callId: string | null;
  message: string | null;
}

type Query = Record<string, string | number | undefined>;

export class SmartfloClient {
  private token: { value: string; expiresAt: number } | null = null;
  private login: Promise<string> | null = null;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly config: SmartfloConfig) {
    if (!config.apiToken && !(config.email && config.password))
      throw new SmartfloError(
        "NOT_CONFIGURED",
        "Smartflo is not configured: set SMARTFLO_API_TOKEN or SMARTFLO_EMAIL and SMARTFLO_PASSWORD",
      );
    this.sleep = config.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  private url(path: string, query?: Query) {
    const url = new URL(this.config.baseUrl.replace(/\/+$/, "") + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
    return url;
  }

  private async send(method: string, path: string, opts: { query?: Query; body?: unknown; token?: string | null }) {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (opts.body !== undefined) headers["Content-Type"] = "application/json";
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let response: PlainResponse;
    try {
      response = await plainRequest(this.url(path, opts.query), {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        timeoutMs: this.config.timeoutMs ?? 10_000,
      });
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === "TimeoutError" || name === "AbortError")
        throw new SmartfloError("TIMEOUT", `Smartflo did not answer within ${Math.round((this.config.timeoutMs ?? 10_000) / 1000)} s`);
      throw new SmartfloError("NETWORK", "Cannot reach Smartflo (network error)");
    }
    const text = response.text;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // keep the text
    }
    return { response, body };
  }

  private async accessToken(force = false): Promise<string> {
    if (this.config.apiToken) return this.config.apiToken;
    if (!force && this.token && this.token.expiresAt > Date.now() + 60_000) return this.token.value;
    this.login ??= (async () => {
      try {
        const { response, body } = await this.send("POST", "/auth/login", {
          body: { email: this.config.email, password: this.config.password },
        });
        const parsed = loginSchema.safeParse(body);
        if (!response.ok || !parsed.success) {
          throw new SmartfloError(
            "AUTH",
            `Smartflo login failed: ${messageOf(body).message ?? `HTTP ${response.status}`}`,
            response.status,
          );
        }
        const ttl = (parsed.data.expires_in ?? 3600) * 1000;
        this.token = { value: parsed.data.access_token, expiresAt: Date.now() + ttl };
        return parsed.data.access_token;
      } finally {
        this.login = null;
      }
    })();
    return this.login;
  }

  /** One authenticated request with the 401 and 429 policies. */
  async request<T extends z.ZodType>(
    method: string,
    path: string,
    schema: T,
    opts: { query?: Query; body?: unknown; allow404?: boolean } = {},
  ): Promise<z.infer<T>> {
    let reauthed = false;
    let rateLimited = 0;
    for (;;) {
      const token = await this.accessToken();
      const { response, body } = await this.send(method, path, { ...opts, token });
      if (response.status === 401) {
        if (!reauthed && !this.config.apiToken) {
          reauthed = true;
          this.token = null;
          await this.accessToken(true);
          continue;
        }
        throw new SmartfloError("AUTH", `Smartflo refused our credentials: ${messageOf(body).message ?? "401 Unauthorized"}`, 401);
      }
      if (response.status === 429) {
        const maxRetries = this.config.maxRateLimitRetries ?? 3;
        if (rateLimited >= maxRetries)
          throw new SmartfloError("RATE_LIMITED", "Smartflo is rate limiting us (429); try again in a few seconds", 429);
        const retryAfter = Number(response.header("retry-after"));
        const wait = Math.min(
          Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : 400 * 2 ** rateLimited,
          this.config.maxBackoffMs ?? 5000,
        );
        rateLimited++;
        await this.sleep(wait);
        continue;
      }
      const { message, fields } = messageOf(body);
      if (response.status === 404 && opts.allow404) throw new SmartfloError("NOT_FOUND", message ?? "Not found", 404);
      if (!response.ok) {
        const code = response.status >= 500 ? "UPSTREAM" : "REJECTED";
        throw new SmartfloError(
          code,
          message ? `Smartflo: ${message}` : `Smartflo answered HTTP ${response.status}`,
          response.status,
          fields,
        );
      }
      if (
        body &&
        typeof body === "object" &&
        !Array.isArray(body) &&
        "success" in body &&
        (body as { success: unknown }).success !== true
      ) {
        throw new SmartfloError(
          "REJECTED",
          message ? `Smartflo: ${message}` : "Smartflo refused the request (success: false)",
          response.status,
          fields,
        );
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw new SmartfloError("BAD_RESPONSE", "Smartflo answered in an unexpected format", response.status);
      return parsed.data;
    }
  }

  async clickToCall(input: ClickToCallInput): Promise<ClickToCallResult> {
    const body: Record<string, unknown> = {
      agent_number: input.agentNumber,
      destination_number: input.destinationNumber,
      async: 1,
    };
    if (input.callerId) body.caller_id = input.callerId;
    if (input.callTimeout) body.call_timeout = input.callTimeout;
    if (input.customIdentifier) body.custom_identifier = input.customIdentifier;
    if (input.refId) body.ref_id = input.refId;
    const res = await this.request("POST", "/click_to_call", clickToCallSchema, { body });
    if (res.success !== true) throw new SmartfloError("REJECTED", res.message ? `Smartflo: ${res.message}` : "Smartflo refused the call");
    const callId = res.call_id ?? res.data?.call_id ?? res.uuid ?? res.data?.uuid;
    return { refId: res.ref_id ?? null, callId: callId != null ? String(callId) : null, message: res.message ?? null };
  }

  /** Hangs up a live call; tries Smartflo's other documented path when the configured one is 404. */
  async hangup(callId: string): Promise<void> {
    const primary = this.config.hangupPath ?? "/call/hangup";
    const fallback = primary === "/call/hangup" ? "/dialer/disconnect_call" : "/call/hangup";
    try {
      await this.request("POST", primary, z.unknown(), { body: { call_id: callId }, allow404: true });
    } catch (error) {
      if (error instanceof SmartfloError && error.code === "NOT_FOUND") {
        await this.request("POST", fallback, z.unknown(), { body: { call_id: callId } });
        return;
      }
      throw error;
    }
  }

  /**
   * A supervisor's action on a live call (`POST /call/options`): 1 monitor, 2 whisper, 3 barge,
   * 4 transfer; `agentId` is the acting user's Smartflo agent, `intercom` the transfer target.
   */
  async callOptions(input: { type: 1 | 2 | 3 | 4; agentId: string; callId: string; intercom?: string }): Promise<void> {
    const body: Record<string, unknown> = { type: input.type, agent_id: input.agentId, call_id: input.callId };
    if (input.intercom) body.intercom = input.intercom;
    const res = await this.request(
      "POST",
      "/call/options",
      z.object({ success: z.unknown().optional(), message: z.unknown().optional() }),
      {
        body,
      },
    );
    if (res.success === false)
      throw new SmartfloError("REJECTED", typeof res.message === "string" ? `Smartflo: ${res.message}` : "Smartflo refused the action");
  }

  liveCalls(filter: { agentNumber?: string; callId?: string } = {}): Promise<LiveCall[]> {
    return this.request("GET", "/live_calls", listOf(liveCallSchema), {
      query: { agent_number: filter.agentNumber, call_id: filter.callId },
    });
  }

  async callRecords(query: {
    fromDate: string;
    toDate: string;
    page?: number;
    limit?: number;
  }): Promise<{ count: number; results: CallRecord[] }> {
    const schema = z.object({ count: z.coerce.number().default(0), results: listOf(recordSchema) }).loose();
    const res = await this.request("GET", "/call/records", schema, {
      query: { from_date: query.fromDate, to_date: query.toDate, page: query.page ?? 1, limit: query.limit ?? 100 },
    });
    return { count: res.count, results: res.results };
  }

  /**
   * The Authorization header for a recording URL on Smartflo's own API origin (recordings may
   * require it); null for any other host, which never sees our credentials.
   */
  async authorizationFor(url: URL): Promise<string | null> {
    if (url.origin !== new URL(this.config.baseUrl).origin) return null;
    return `Bearer ${await this.accessToken()}`;
  }

  users(): Promise<SmartfloUser[]> {
    return this.request("GET", "/users", listOf(userSchema));
  }
}
