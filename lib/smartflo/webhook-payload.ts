// Turns any Smartflo webhook delivery (hand-written templates, all values strings, literal
// `$variables`, odd keys, aliases) into one normalised event. Pure and total: never throws.
import { last10Digits, normalizePhone } from "../phone";
import type { NormalizedDirection, NormalizedEvent, NormalizedStatus } from "./normalized-event";
import { parseIstStamp } from "./time";

export type { NormalizedDirection, NormalizedEvent, NormalizedStatus } from "./normalized-event";

export type FlatPayload = Record<string, string>;

const PLACEHOLDER = /^\$[a-z_][a-z0-9_]*$/i;
const MAX_VALUE_LENGTH = 2048;

/** Flattens whatever arrived into trimmed string keys and values; drops `$placeholders` and blanks. */
export function flattenPayload(input: unknown): FlatPayload {
  const out: FlatPayload = {};
  if (typeof input !== "object" || input === null || Array.isArray(input)) return out;
  for (const [rawKey, rawValue] of Object.entries(input as Record<string, unknown>)) {
    const key = rawKey.trim().toLowerCase().replace(/\s+/g, "_");
    if (!key || key.length > 100) continue;
    let value: string;
    if (typeof rawValue === "string") value = rawValue;
    else if (typeof rawValue === "number" && Number.isFinite(rawValue)) value = String(rawValue);
    else if (typeof rawValue === "boolean") value = rawValue ? "true" : "false";
    else if (Array.isArray(rawValue) && rawValue.length > 0 && (typeof rawValue[0] === "string" || typeof rawValue[0] === "number"))
      value = String(rawValue[0]);
    else continue;
    value = value.trim();
    if (!value || PLACEHOLDER.test(value) || value.toLowerCase() === "null" || value.toLowerCase() === "undefined") continue;
    out[key] = value.slice(0, MAX_VALUE_LENGTH);
  }
  return out;
}

function first(p: FlatPayload, keys: string[]): string | null {
  for (const k of keys) if (p[k]) return p[k]!;
  return null;
}

function seconds(value: string | null): number | null {
  if (value == null) return null;
  if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(value)) {
    const parts = value.split(":").map(Number);
    return parts.reduce((acc, n) => acc * 60 + n, 0);
  }
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n < 10 * 24 * 3600 ? Math.round(n) : null;
}

export function mapDirection(raw: string | null): NormalizedDirection | null {
  if (!raw) return null;
  const v = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (v === "1" || v.startsWith("inbound") || v === "incoming" || v === "in") return "INBOUND";
  if (
    v === "2" ||
    v === "clicktocall" ||
    v === "click_to_call" ||
    v.startsWith("outbound") ||
    v === "outgoing" ||
    v === "out" ||
    v === "c2c" ||
    v === "api"
  )
    return "OUTBOUND";
  return null;
}

const MISSED = new RegExp(
  [
    "miss",
    "no[\\s_-]?answer",
    "noanswer",
    "not[\\s_-]?answered",
    "unanswered",
    "busy",
    "cancel",
    "reject",
    "declin",
    "abandon",
    "not[\\s_-]?connected",
    "unreachable",
    "voicemail",
  ].join("|"),
  "i",
);
const FAILED = /(fail|error|invalid|congest|blocked)/i;
const ANSWERED = /(answer|connect|complet|success|talk|bridg)/i;
const RINGING = /(ring|dial|initiat|queue|progress|originat|receiv)/i;

function mapStatus(raw: string | null, hangupCause: string | null): { status: NormalizedStatus | null; answeredHint: boolean } {
  if (raw) {
    if (MISSED.test(raw)) return { status: "MISSED", answeredHint: false };
    if (FAILED.test(raw)) return { status: "FAILED", answeredHint: false };
    if (ANSWERED.test(raw)) return { status: "ANSWERED", answeredHint: true };
    if (RINGING.test(raw)) return { status: "RINGING", answeredHint: false };
  }
  if (hangupCause && /(no_answer|user_busy|call_rejected|originator_cancel|no_user_response)/i.test(hangupCause))
    return { status: "MISSED", answeredHint: false };
  return { status: null, answeredHint: false };
}

export function normalizeWebhook(payload: FlatPayload): NormalizedEvent {
  const rawStatus = first(payload, ["call_status", "status", "callstatus", "call_state", "state", "event"]);
  const hangupCause = first(payload, ["hangup_cause", "hangupcause", "reason_key"]);
  const rawDirection = first(payload, ["direction", "call_direction", "call_type"]);
  let direction = mapDirection(rawDirection);

  const startedAt = parseIstStamp(first(payload, ["start_stamp", "start_time", "starttime", "call_start_time"]));
  const answeredAt = parseIstStamp(first(payload, ["answer_stamp", "answer_time", "answered_time"]));
  const endedAt = parseIstStamp(first(payload, ["end_stamp", "end_time", "endtime", "call_end_time"]));
  const durationSeconds = seconds(first(payload, ["duration", "call_duration", "total_duration"]));
  // billsec can be the agent leg; prefer the customer's answered/outbound seconds.
  const talkField = seconds(first(payload, ["answered_seconds", "outbound_sec", "talk_time", "talktime", "billsec", "bill_sec"]));
  const ringSeconds = seconds(first(payload, ["customer_ring_time", "ring_time", "agent_ring_time"]));

  let { status: mapped, answeredHint } = mapStatus(rawStatus, hangupCause);
  // On a click-to-call the agent's leg is dialled first: "Answered by agent" means the customer
  // is only now being rung. (Inbound, it means the caller is talking to the agent.)
  if (direction === "OUTBOUND" && rawStatus && /answered\s*by\s*agent/i.test(rawStatus) && !answeredAt && !endedAt) {
    mapped = "RINGING";
    answeredHint = false;
  }
  const talkFromStamps = answeredAt && endedAt ? Math.max(0, Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000)) : null;
  let talkSeconds = talkField ?? talkFromStamps ?? (answeredHint ? durationSeconds : null);
  const isFinal =
    endedAt !== null ||
    hangupCause !== null ||
    mapped === "MISSED" ||
    mapped === "FAILED" ||
    (answeredHint && (talkField !== null || durationSeconds !== null));

  let status: NormalizedStatus;
  if (mapped === "MISSED" || mapped === "FAILED") status = mapped;
  else if (mapped === "ANSWERED" || answeredAt || (talkSeconds ?? 0) > 0) status = isFinal ? "COMPLETED" : "ANSWERED";
  else status = isFinal ? "MISSED" : "RINGING";
  if (status === "MISSED" || status === "FAILED") talkSeconds = talkSeconds ? talkSeconds : 0;

  // For inbound calls the customer is the caller; for click-to-call the destination. Never the
  // company's own caller id on an outbound call. The first key holding a valid number wins.
  const inboundKeys = ["customer_number", "customer_no_with_prefix", "caller_id_number", "caller_number", "from"];
  const outboundKeys = [
    "customer_number",
    "customer_no_with_prefix",
    "destination_number",
    "call_to_number",
    "customer_no",
    "to",
    "client_number",
  ];
  const anyKeys = [
    "customer_number",
    "customer_no_with_prefix",
    "destination_number",
    "customer_no",
    "caller_id_number",
    "call_to_number",
    "from",
    "to",
    "client_number",
  ];
  const keys = direction === "INBOUND" ? inboundKeys : direction === "OUTBOUND" ? outboundKeys : anyKeys;
  let customer: ReturnType<typeof normalizePhone> = null;
  let customerRaw: string | null = null;
  for (const key of keys) {
    const value = payload[key];
    if (!value) continue;
    customerRaw ??= value;
    customer = normalizePhone(value);
    if (customer) {
      customerRaw = value;
      break;
    }
  }
  const digits = customerRaw?.replace(/\D/g, "") ?? "";

  const agentNumber = first(payload, [
    "answered_agent_number",
    "agent_number",
    "agent_no",
    "missed_agent_number",
    "answered_agent",
    "missed_agent",
  ]);
  if (!direction && payload.custom_identifier) direction = "OUTBOUND";

  return {
    callId: first(payload, ["call_id", "callid", "call_uid"]),
    uuid: first(payload, ["uuid", "call_uuid"]),
    customIdentifier: first(payload, ["custom_identifier", "customidentifier", "custom_id"]),
    refId: first(payload, ["ref_id", "refid", "reference_id", "lead_id"]),
    direction,
    rawDirection,
    status,
    rawStatus,
    isFinal,
    customerNumber: customer?.e164 ?? null,
    customerLast10: customer?.last10 ?? (digits.length >= 10 ? last10Digits(digits) : null),
    customerRaw,
    agentNumber: agentNumber && /\d/.test(agentNumber) ? agentNumber : null,
    dialledNumber:
      direction === "INBOUND" ? (normalizePhone(first(payload, ["call_to_number", "did_number", "did"]) ?? "")?.e164 ?? null) : null,
    ivrDigits: (() => {
      const keys = first(payload, ["digits_dialed", "dtmf", "digits"]);
      // An unfilled template variable ("$digits_dialed") says nothing.
      return keys && /^[0-9*#,\s]{1,40}$/.test(keys) ? keys.replace(/\s+/g, "") : null;
    })(),
    agentName: first(payload, ["answered_agent_name", "agent_name"]),
    startedAt,
    answeredAt,
    endedAt,
    talkSeconds,
    ringSeconds,
    durationSeconds,
    recordingUrl: (() => {
      const url = first(payload, ["recording_url", "recording", "recordingurl", "call_recording"]);
      return url && /^https?:\/\//i.test(url) ? url : null;
    })(),
    hangupCause,
    source: "webhook",
    error: null,
  };
}
