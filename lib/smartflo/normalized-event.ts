// The normalised Smartflo event: what normalizeWebhook makes of any delivery, and what the database
// functions read as `ev` (crm_ingest_webhook, crm_apply_call_event). One schema for both sides: the
// type is inferred from it, and lib/smartflo/sql-contract.test.ts fails when the SQL reads a key
// that is not here (a renamed field would otherwise compile and silently store NULL).
import { z } from "zod";

export const NORMALIZED_STATUSES = ["RINGING", "ANSWERED", "COMPLETED", "MISSED", "FAILED"] as const;

/**
 * Who says what an event says. Smartflo's webhook is authoritative; everything else is our own side
 * of a call we placed (lib/calls/own-events.ts): Smartflo accepting the click-to-call, a /live_calls
 * lookup, the agent's hang-up (a provisional end), Smartflo refusing the call. Our own side never
 * replaces Smartflo's final word, and a refusal only ends a call Smartflo never rang.
 */
export const CALL_EVENT_SOURCES = ["webhook", "click_to_call", "live_calls", "hangup", "refused"] as const;

export const normalizedEventSchema = z.strictObject({
  callId: z.string().nullable(),
  uuid: z.string().nullable(),
  customIdentifier: z.string().nullable(),
  refId: z.string().nullable(),
  direction: z.enum(["INBOUND", "OUTBOUND"]).nullable(),
  rawDirection: z.string().nullable(),
  /** INITIATED only from our own side: Smartflo accepted an async click-to-call and has not said more. */
  status: z.enum([...NORMALIZED_STATUSES, "INITIATED"]),
  rawStatus: z.string().nullable(),
  /** A hangup (final) event, as opposed to a ringing/answered progress event. */
  isFinal: z.boolean(),
  customerNumber: z.string().nullable(),
  customerLast10: z.string().nullable(),
  customerRaw: z.string().nullable(),
  agentNumber: z.string().nullable(),
  /** The number the customer dialled on an inbound call (call_to_number): one of ours, E.164. */
  dialledNumber: z.string().nullable(),
  /** The keys pressed in the IVR (digits_dialed), when Smartflo filled them in. */
  ivrDigits: z.string().nullable(),
  agentName: z.string().nullable(),
  startedAt: z.date().nullable(),
  answeredAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  talkSeconds: z.number().int().nonnegative().nullable(),
  ringSeconds: z.number().int().nonnegative().nullable(),
  durationSeconds: z.number().int().nonnegative().nullable(),
  recordingUrl: z.string().nullable(),
  hangupCause: z.string().nullable(),
  source: z.enum(CALL_EVENT_SOURCES),
  /** Why Smartflo refused our request (source "refused"), kept on the call. */
  error: z.string().nullable(),
});

export type NormalizedEvent = z.infer<typeof normalizedEventSchema>;
export type NormalizedDirection = NonNullable<NormalizedEvent["direction"]>;
export type NormalizedStatus = NormalizedEvent["status"];
