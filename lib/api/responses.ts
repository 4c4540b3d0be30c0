// What the routes an API key can reach answer, as zod schemas: the OpenAPI document's response
// schemas (lib/api/openapi.ts) and, in lib/api/responses.db.test.ts, a real validator's check of
// real answers against that document, so the document cannot drift from the code unnoticed.
import { z } from "zod";
import { CUSTOM_FIELD_TYPES } from "../custom-fields/types";
import { WEBHOOK_EVENTS } from "../outbound/events";

const iso = z.iso.datetime({ offset: true });
const person = z.object({ id: z.string(), name: z.string() });
const leadStatus = z.enum(["NEW", "CONTACTED", "QUALIFIED", "WON", "LOST", "UNREACHABLE"]);

export const leadResponse = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().describe("The primary number, E.164"),
  phoneDisplay: z.string(),
  phones: z.array(
    z.object({ number: z.string(), display: z.string(), label: z.enum(["MOBILE", "WORK", "HOME", "OTHER"]), primary: z.boolean() }),
  ),
  email: z.string().nullable(),
  source: z.string().nullable(),
  subSource: z.string().nullable(),
  status: leadStatus,
  owner: person.nullable(),
  lastContactedAt: iso.nullable(),
  doNotCall: z.boolean(),
  purpose: z.enum(["PROMOTIONAL", "SERVICE"]),
  createdAt: iso,
  updatedAt: iso,
  attribution: z.record(z.string(), z.string()).nullable().describe("UTM parameters, referrer and landing page"),
  fields: z.record(z.string(), z.unknown()).describe("Custom field values by key"),
  firstResponse: z
    .object({
      dueAt: iso.nullable().describe("When the first call is due (the source's target inside calling hours); null: no clock"),
      firstCallAt: iso.nullable().describe("The first call attempt (answered or not)"),
      firstConnectAt: iso.nullable().describe("The first answered call"),
      breached: z.boolean().describe("The due time passed before the first call"),
    })
    .describe("Speed to lead"),
});

export const apiLeadResponse = leadResponse.extend({
  enquiredAgain: z.boolean().describe("true (answer 200): the person was on file and got an 'Enquired again' entry"),
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int(), totalCapped: z.boolean().optional() });

export const leadPageResponse = page(leadResponse);

export const callResponse = z.object({
  id: z.string(),
  leadId: z.string().nullable(),
  agent: person.nullable(),
  direction: z.enum(["OUTBOUND", "INBOUND"]),
  status: z.enum(["INITIATED", "RINGING", "ANSWERED", "COMPLETED", "MISSED", "FAILED"]),
  providerStatus: z.string().nullable(),
  refId: z.string().nullable(),
  customerNumber: z.string().nullable(),
  callId: z.string().nullable().describe("Smartflo's call_id"),
  customerDisplay: z.string().nullable(),
  dialledNumber: z.string().nullable().describe("Inbound: the number of ours the customer dialled (Smartflo's call_to_number), E.164"),
  dialledDisplay: z.string().nullable().describe("That number as it is printed in an ad (080 6900 1234)"),
  ivrDigits: z.string().nullable().describe("The keys the caller pressed in the IVR (Smartflo's digits_dialed)"),
  startedAt: iso.nullable(),
  answeredAt: iso.nullable(),
  endedAt: iso.nullable(),
  ringSeconds: z.number().int().nullable(),
  talkSeconds: z.number().int().nullable(),
  durationSeconds: z.number().int().nullable(),
  hangupCause: z.string().nullable(),
  recordingUrl: z.string().nullable().describe("Our address for the recording (a session or key may play it)"),
  recordingDeleted: z.object({ at: iso, days: z.number().int().nullable() }).nullable(),
  disposition: z.string().nullable(),
  dispositionId: z.string().nullable(),
  notes: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: iso,
  updatedAt: iso,
});

export const callPageResponse = page(
  callResponse.extend({
    lead: z
      .object({
        id: z.string(),
        name: z.string(),
        phone: z.string(),
        status: leadStatus,
        ownerId: z.string().nullable(),
        phoneDisplay: z.string(),
      })
      .nullable(),
  }),
).extend({
  summary: z
    .object({ total: z.number().int(), answered: z.number().int(), missed: z.number().int(), talkSeconds: z.number().int() })
    .nullable(),
});

export const customFieldsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      label: z.string(),
      type: z.enum(CUSTOM_FIELD_TYPES),
      required: z.boolean(),
      options: z.array(z.string()),
      position: z.number().int(),
      archivedAt: iso.nullable(),
      createdAt: iso,
      updatedAt: iso,
      leadsWithValue: z.number().int().optional().describe("With ?usage=true (admins): leads holding a value"),
    }),
  ),
});

const endpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledAt: iso.nullable(),
  failingSince: iso.nullable(),
  consecutiveFailures: z.number().int(),
  pausedUntil: iso.nullable(),
  lastSuccessAt: iso.nullable(),
  previousSecretUntil: iso.nullable().describe("The previous secret also signs until then"),
  createdAt: iso,
  updatedAt: iso,
});

export const webhookEndpointResponse = endpoint;
export const webhookEndpointWithSecretResponse = endpoint.extend({ secret: z.string().describe("whsec_…: in this answer only") });
export const webhookEndpointsResponse = z.object({
  items: z.array(
    endpoint.extend({
      today: z.object({ PENDING: z.number().int(), DELIVERED: z.number().int(), FAILED: z.number().int() }).partial(),
    }),
  ),
});
export const webhookDeliveryPageResponse = page(
  z.object({
    id: z.string(),
    status: z.enum(["PENDING", "DELIVERED", "FAILED"]),
    attempts: z.number().int(),
    nextAttemptAt: iso.nullable(),
    lastAttemptAt: iso.nullable(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastResponse: z.string().nullable(),
    lastDurationMs: z.number().int().nullable(),
    deliveredAt: iso.nullable(),
    createdAt: iso,
    eventId: z.string(),
    type: z.string(),
    payload: z.unknown(),
  }),
).omit({ total: true, totalCapped: true });
export const tryAnswerResponse = z.object({
  deliveryId: z.string(),
  ok: z.boolean(),
  status: z.number().int().nullable().describe("The endpoint's HTTP status (null: no answer)"),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const numberSourceResponse = z.object({
  number: z.string().describe("E.164"),
  display: z.string().describe("As it is printed in an ad (080 6900 1234)"),
  source: z.string(),
  created: z.boolean().describe("false: the number was listed and its source changed"),
});
const numberCounts = {
  number: z.string(),
  display: z.string(),
  inboundCalls30d: z.number().int(),
  leadsCreated30d: z.number().int().describe("Leads created by an inbound call to the number"),
  lastCallAt: iso.nullable(),
};
export const numberSourcesResponse = z.object({
  items: z.array(z.object({ ...numberCounts, source: z.string(), updatedAt: iso })),
  unmapped: z.array(z.object(numberCounts)).describe("Numbers dialled in the last 30 days that have no source yet, the busiest first"),
});
