// The normalised Smartflo event: what normalizeWebhook makes of any delivery, and what the database
// functions read as `ev` (crm_ingest_webhook, crm_apply_call_event). One schema for both sides: the
// type is inferred from it, and lib/smartflo/sql-contract.test.ts fails when the SQL reads a key
// that is not here (a renamed field would otherwise compile and silently store NULL).
import { z } from "zod";

export const NORMALIZED_STATUSES = ["RINGING", "ANSWERED", "COMPLETED", "MISSED", "FAILED"] as const;

export const normalizedEventSchema = z.strictObject({
  callId: z.string().nullable(),
  uuid: z.string().nullable(),
  customIdentifier: z.string().nullable(),
  refId: z.string().nullable(),
  direction: z.enum(["INBOUND", "OUTBOUND"]).nullable(),
  rawDirection: z.string().nullable(),
  status: z.enum(NORMALIZED_STATUSES),
  rawStatus: z.string().nullable(),
  /** A hangup (final) event, as opposed to a ringing/answered progress event. */
  isFinal: z.boolean(),
  customerNumber: z.string().nullable(),
  customerLast10: z.string().nullable(),
  customerRaw: z.string().nullable(),
  agentNumber: z.string().nullable(),
  agentName: z.string().nullable(),
  startedAt: z.date().nullable(),
  answeredAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  talkSeconds: z.number().int().nonnegative().nullable(),
  ringSeconds: z.number().int().nonnegative().nullable(),
  durationSeconds: z.number().int().nonnegative().nullable(),
  recordingUrl: z.string().nullable(),
  hangupCause: z.string().nullable(),
});

export type NormalizedEvent = z.infer<typeof normalizedEventSchema>;
export type NormalizedDirection = NonNullable<NormalizedEvent["direction"]>;
export type NormalizedStatus = NormalizedEvent["status"];
