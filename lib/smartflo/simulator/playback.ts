// Calls played out in (compressible) simulated time, and the webhooks Smartflo would fire for
// them: at-least-once, optionally duplicated, out of order or dropped.
import { randomBytes, randomUUID } from "node:crypto";
import type { PlayedCall, ResolvedOptions, Scenario, WebhookLog } from "./options";
import type { SimCall } from "./payloads";
import * as payloads from "./payloads";

export class CallPlayback {
  readonly calls = new Map<string, PlayedCall>();
  readonly webhookLog: WebhookLog[] = [];
  protected scenarios = new Map<string, Scenario>();
  private inflight = new Set<Promise<unknown>>();
  baseUrl = "";

  constructor(protected opts: ResolvedOptions) {}

  setScenario(number: string, scenario: Scenario) {
    this.scenarios.set(number.replace(/\D/g, "").slice(-10), scenario);
  }

  /** Resolves when every webhook scheduled so far has been delivered. */
  async settle() {
    await Promise.allSettled([...this.inflight]);
  }

  protected stopPlayback() {
    for (const c of this.calls.values()) c.timers.forEach(clearTimeout);
  }

  protected clearCalls() {
    this.stopPlayback();
    this.calls.clear();
    this.scenarios.clear();
    this.webhookLog.length = 0;
  }

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
    const scenario = input.scenario ?? this.scenarios.get(input.customerNumber.replace(/\D/g, "").slice(-10)) ?? this.opts.defaultScenario;
    const call: PlayedCall = {
      callId,
      uuid,
      refId: input.refId,
      customIdentifier: input.customIdentifier,
      direction: input.direction,
      agentNumber: input.agentNumber,
      customerNumber: input.customerNumber,
      didNumber: this.opts.didNumber,
      digitsDialed: input.direction === "inbound" ? (scenario.digits ?? this.opts.ivrDigits) || null : null,
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
      // Inbound, as Smartflo fires it: received on the server, the agent's phone rung (the screen pop),
      // answered by the agent, then the hangup.
      this.emit(call, "received_on_server", payloads.receivedOnServer(call, echo));
      const routed = Math.min(0.5, (scenario.ringSeconds ?? 3) / 2);
      this.at(call, routed, () => this.emit(call, "dialed_on_agent", payloads.dialedOnAgent(call, echo)));
      const ring = scenario.ringSeconds ?? 3;
      if (scenario.outcome === "answer") {
        this.at(call, ring, () => {
          call.answeredAt = this.simNow(call);
          call.agentAnsweredAt = call.answeredAt;
          call.state = "answered";
          this.emit(call, "answered_by_agent", payloads.answeredByAgent(call, echo));
        });
        this.at(call, ring + (scenario.talkSeconds ?? 40), () => this.end(callId, "answered", "NORMAL_CLEARING"));
      } else {
        this.at(call, ring, () => this.end(callId, "missed", "NO_ANSWER"));
      }
    }
    return call;
  }

  /**
   * `/call/options` on a live call: monitor, whisper and barge add the supervisor's leg (their
   * phone is rung and joins, listening or talking); a transfer moves the call to the target agent,
   * whose number the hangup then names as the answering agent. Answers an error message, or null.
   */
  callOption(callId: string, type: number, agentId: string, intercom: string | null): string | null {
    const call = this.calls.get(callId);
    if (!call) return "Invalid call id";
    if (call.state === "ended") return "Call is not active";
    if (![1, 2, 3, 4].includes(type)) return "Invalid type";
    if (!agentId) return "The agent id field is required.";
    if (type === 4) {
      if (!intercom) return "The intercom field is required for a transfer.";
      if (call.state !== "answered") return "Only an answered call can be transferred";
      if (intercom === call.agentNumber) return "The call is already with this agent";
    }
    call.actions = [...(call.actions ?? []), { type: type as 1 | 2 | 3 | 4, agentId, intercom, at: this.simNow(call).toISOString() }];
    const what = ["", "monitor", "whisper", "barge", "transfer"][type];
    this.opts.log(`call ${callId} ${what} by ${agentId}${intercom ? ` → ${intercom}` : ""}`);
    if (type === 4) {
      call.agentNumber = intercom!;
      this.emit(call, "answered_by_agent", payloads.answeredByAgent(call, this.opts.echoCustomIdentifier));
    }
    return null;
  }

  protected end(callId: string, outcome: "answered" | "missed", cause: string) {
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
