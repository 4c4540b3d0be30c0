// The outgoing webhook events: their names, how admins read them, and the shape of each payload
// (the OpenAPI document's `webhooks` section, and the tests' check of what receivers are sent).
// The payloads are built in SQL (prisma/functions/crm_webhook_outbox.sql); these schemas say what
// that SQL writes.
import { z } from "zod";

export const WEBHOOK_EVENTS = [
  "lead.created",
  "lead.updated",
  "lead.status_changed",
  "lead.assigned",
  "call.completed",
  "call.outcome_recorded",
  "task.created",
  "task.completed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Sent by "Send test event" only (never subscribed to). */
export const TEST_EVENT = "webhook.test";

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "lead.created": "A lead is created",
  "lead.updated": "A lead is changed",
  "lead.status_changed": "A lead's stage changes",
  "lead.assigned": "A lead is given to an agent",
  "call.completed": "A call ends",
  "call.outcome_recorded": "An agent records a call's outcome",
  "task.created": "A follow-up is created",
  "task.completed": "A follow-up is done",
};

const iso = z.iso.datetime().describe("UTC, ISO 8601");
const person = z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable();

export const webhookLeadSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().describe("E.164"),
  email: z.string().nullable(),
  status: z.enum(["NEW", "CONTACTED", "QUALIFIED", "WON", "LOST", "UNREACHABLE"]),
  source: z.string().nullable(),
  subSource: z.string().nullable(),
  leadSourceId: z.string().nullable(),
  attribution: z.record(z.string(), z.unknown()).nullable(),
  fields: z.record(z.string(), z.unknown()).describe("Custom field values by key"),
  owner: person,
  purpose: z.enum(["PROMOTIONAL", "SERVICE"]),
  doNotCall: z.boolean(),
  isTest: z.boolean(),
  lastContactedAt: iso.nullable(),
  erased: z.boolean(),
  createdAt: iso,
  updatedAt: iso,
});

export const webhookCallSchema = z.object({
  id: z.string(),
  leadId: z.string().nullable(),
  agent: person,
  direction: z.enum(["INBOUND", "OUTBOUND"]),
  status: z.enum(["INITIATED", "RINGING", "ANSWERED", "COMPLETED", "MISSED", "FAILED"]),
  customerNumber: z.string().nullable(),
  startedAt: iso.nullable(),
  answeredAt: iso.nullable(),
  endedAt: iso.nullable(),
  ringSeconds: z.number().int().nullable(),
  talkSeconds: z.number().int().nullable(),
  durationSeconds: z.number().int().nullable(),
  hasRecording: z.boolean(),
  outcome: z.string().nullable(),
  notes: z.string().nullable(),
  campaignId: z.string().nullable(),
  createdAt: iso,
});

export const webhookTaskSchema = z.object({
  id: z.string(),
  leadId: z.string(),
  assignee: person,
  kind: z.enum(["CALL_BACK", "FOLLOW_UP"]),
  title: z.string(),
  dueAt: iso,
  doneAt: iso.nullable(),
  callId: z.string().nullable(),
  createdAt: iso,
});

const envelope = <T extends WebhookEventType | typeof TEST_EVENT, D extends z.ZodType>(type: T, data: D) =>
  z.object({ type: z.literal(type), timestamp: iso, data });

/** Each event's body: {type, timestamp, data}. */
export const WEBHOOK_PAYLOADS = {
  "lead.created": envelope("lead.created", z.object({ lead: webhookLeadSchema })),
  "lead.updated": envelope(
    "lead.updated",
    z.object({ lead: webhookLeadSchema, changed: z.array(z.string()).describe("The lead's fields that changed") }),
  ),
  "lead.status_changed": envelope("lead.status_changed", z.object({ lead: webhookLeadSchema, previousStatus: z.string() })),
  "lead.assigned": envelope("lead.assigned", z.object({ lead: webhookLeadSchema, previousOwner: person })),
  "call.completed": envelope("call.completed", z.object({ call: webhookCallSchema })),
  "call.outcome_recorded": envelope("call.outcome_recorded", z.object({ call: webhookCallSchema, previousOutcome: z.string().nullable() })),
  "task.created": envelope("task.created", z.object({ task: webhookTaskSchema })),
  "task.completed": envelope("task.completed", z.object({ task: webhookTaskSchema })),
} satisfies Record<WebhookEventType, z.ZodType>;

export const testEventSchema = envelope(TEST_EVENT, z.object({ endpointId: z.string(), message: z.string() }));
