// The simulator's knobs: faults, per-number scenarios and options, with their defaults.
import type { SimCall } from "./payloads";

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
  /** Inbound: the IVR keys the caller presses ("1"; "" for none). Defaults to the simulator's ivrDigits. */
  digits?: string;
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
  /** Our number inbound callers dial (Smartflo's call_to_number). */
  didNumber?: string;
  /** The key an inbound caller presses in the account's IVR ("Press 1 for sales"); "" for an account without one. */
  ivrDigits?: string;
  log?: (line: string) => void;
}

/** The DID the simulator's inbound callers dial (the demo seed names its lead source). */
export const SIMULATOR_DID = "08069001234";

export interface WebhookLog {
  at: string;
  callId: string;
  trigger: string;
  status: number | "error";
}

export type ResolvedOptions = Required<Omit<SimulatorOptions, "webhookUrl" | "log">> & {
  webhookUrl: string | null;
  log: (line: string) => void;
};

/** A supervisor's step into a call (/call/options): 1 monitor, 2 whisper, 3 barge, 4 transfer. */
export interface CallAction {
  type: 1 | 2 | 3 | 4;
  agentId: string;
  intercom: string | null;
  at: string;
}

export type PlayedCall = SimCall & {
  realStart: number;
  timers: NodeJS.Timeout[];
  pending: [string, Record<string, string>][];
  actions?: CallAction[];
};

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  return {
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
    didNumber: options.didNumber ?? SIMULATOR_DID,
    ivrDigits: options.ivrDigits ?? "1",
    log: options.log ?? (() => {}),
  };
}
