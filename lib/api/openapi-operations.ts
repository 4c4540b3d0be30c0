// Every operation under /api/v1, with the zod schemas its route already validates with: the source
// of the OpenAPI document (lib/api/openapi.ts). lib/api/openapi.test.ts fails when a route file's
// method is missing here, so a new route is documented the day it is added.
import { z } from "zod";
import { createApiKeySchema } from "../api-keys/schemas";
import type { ApiScope } from "../api-keys/scopes";
import { listAuditQuerySchema } from "../audit/schemas";
import { breakReasonPatchSchema, breakReasonSchema, startBreakSchema } from "../breaks/schemas";
import { callOptionSchema, hangupSchema, listCallsQuerySchema, needsOutcomeQuerySchema, startCallSchema } from "../calls/schemas";
import {
  complianceSettingsPatchSchema,
  consentSchema,
  dncAddSchema,
  dncImportSchema,
  dncListQuerySchema,
  dncPushSchema,
  overrideSchema,
  privacyEraseSchema,
  privacyExportSchema,
} from "../compliance/schemas";
import { formMappingSchema, updateIntegrationSchema } from "../connectors/schemas";
import { createCustomFieldSchema, listCustomFieldsQuerySchema, updateCustomFieldSchema } from "../custom-fields/schemas";
import { dashboardQuerySchema } from "../dashboard/schemas";
import { createCampaignSchema, dialerSettingsSchema, snoozeSchema, startSessionSchema, updateCampaignSchema } from "../dialer/schemas";
import { createDispositionSchema, recordDispositionSchema, updateDispositionSchema } from "../dispositions/schemas";
import { webFormSchema } from "../intake/form-schemas";
import { apiLeadSchema, createLeadSourceSchema, deliveriesQuerySchema, updateLeadSourceSchema } from "../intake/schemas";
import {
  assignLeadsSchema,
  createLeadSchema,
  importLeadsSchema,
  listLeadsQuerySchema,
  noteSchema,
  paginationSchema,
  roundRobinSchema,
  updateLeadSchema,
  waitingLeadsQuerySchema,
} from "../leads/schemas";
import { createWebhookEndpointSchema, updateWebhookEndpointSchema, webhookDeliveriesQuerySchema } from "../outbound/schemas";
import { leadSourceReportQuerySchema, sourceSpendSchema } from "../reports/schemas";
import { createRuleSchema, speedSettingsPatchSchema, testRuleSchema, updateRuleSchema } from "../routing/schemas";
import { testDeliverySchema } from "../settings/schemas";
import { reconcileRangeSchema } from "../smartflo/schemas";
import { createTaskSchema, listTasksQuerySchema, updateTaskSchema } from "../tasks/schemas";
import { numberSourceSchema, ownNumberSchema } from "../telephony/schemas";
import { createUserSchema, updateUserSchema } from "../users/schemas";
import { linkWebhookEventSchema, listWebhookEventsQuerySchema } from "../webhooks/schemas";
import {
  apiLeadResponse,
  callPageResponse,
  callResponse,
  customFieldsResponse,
  leadPageResponse,
  leadResponse,
  numberSourceResponse,
  numberSourcesResponse,
  tryAnswerResponse,
  webhookDeliveryPageResponse,
  webhookEndpointResponse,
  webhookEndpointsResponse,
  webhookEndpointWithSecretResponse,
} from "./responses";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Operation {
  summary: string;
  tag: string;
  /** Who may call it: a signed-in user (the role rules apply), admins only, or a token in the URL. */
  access?: "signed-in" | "admins" | "managers" | "token";
  /** The API key scope that also opens it (Authorization: Bearer <key>). */
  scope?: ApiScope;
  body?: z.ZodType;
  /** Bodies a key's request takes instead (POST /leads). */
  keyBody?: z.ZodType;
  query?: z.ZodType;
  /** Not JSON: a file, a stream, a redirect. */
  produces?: string;
  /** What a success answers (lib/api/responses.ts), and with which status (200 unless said). */
  response?: z.ZodType;
  status?: 200 | 201 | 204;
}

type Paths = Record<string, Partial<Record<Method, Operation>>>;

const admin = (summary: string, tag: string, extra: Partial<Operation> = {}): Operation => ({ summary, tag, access: "admins", ...extra });
const user = (summary: string, tag: string, extra: Partial<Operation> = {}): Operation => ({ summary, tag, access: "signed-in", ...extra });

/** Path templates as OpenAPI writes them ({id}); the route files' folders are [id]. */
export const OPERATIONS: Paths = {
  "/openapi.json": { GET: { summary: "This document (no session needed)", tag: "Meta" } },
  "/leads": {
    GET: user("List, search and filter leads (cursor pages, with a total)", "Leads", {
      query: listLeadsQuerySchema,
      scope: "leads:read",
      response: leadPageResponse,
    }),
    POST: user("Create a lead; with an API key, a person already on file is 'Enquired again' (200)", "Leads", {
      body: createLeadSchema,
      keyBody: apiLeadSchema,
      scope: "leads:write",
      response: z.union([apiLeadResponse, leadResponse]),
      status: 201,
    }),
  },
  "/leads/{id}": {
    GET: user("One lead", "Leads", { scope: "leads:read", response: leadResponse }),
    PATCH: user("Change a lead: name, numbers, email, source, status, owner", "Leads", { body: updateLeadSchema }),
  },
  "/leads/{id}/activities": { GET: user("A lead's timeline, newest first", "Leads", { query: paginationSchema }) },
  "/leads/{id}/compliance": { GET: user("Whether and when each of the lead's numbers may be called, and why", "Compliance") },
  "/leads/{id}/consent": { PUT: user("Record or withdraw the lead's consent and purpose", "Compliance", { body: consentSchema }) },
  "/leads/{id}/notes": { POST: user("Add a note to the lead's timeline", "Leads", { body: noteSchema }) },
  "/leads/assign": { POST: { summary: "Give leads to an agent (or nobody)", tag: "Leads", access: "managers", body: assignLeadsSchema } },
  "/leads/export": { GET: user("The lead list as filtered, as CSV", "Leads", { query: listLeadsQuerySchema, produces: "text/csv" }) },
  "/leads/import": { POST: user("Import leads from CSV rows (a dry run first)", "Leads", { body: importLeadsSchema }) },
  "/leads/waiting": {
    GET: user("New leads nobody has called yet: yours (agents), your team's (managers), everyone's (admins)", "Leads", {
      query: waitingLeadsQuerySchema,
    }),
  },

  "/calls": {
    GET: user("Calls, newest first, with a summary", "Calls", {
      query: listCallsQuerySchema,
      scope: "calls:read",
      response: callPageResponse,
    }),
  },
  "/calls/{id}": { GET: user("One call (our id or Smartflo's call_id)", "Calls", { scope: "calls:read", response: callResponse }) },
  "/calls/{id}/disposition": { PUT: user("Record or change the call's outcome", "Calls", { body: recordDispositionSchema }) },
  "/calls/{id}/options": {
    POST: { summary: "Monitor, whisper, barge or transfer a live call", tag: "Calls", access: "managers", body: callOptionSchema },
  },
  "/calls/{id}/recording": { GET: user("The call's recording (audio, with Range support)", "Calls", { produces: "audio/mpeg" }) },
  "/calls/incoming": { GET: user("The signed-in agent's ringing inbound calls (the screen pop)", "Calls") },
  "/calls/missed-callbacks": { GET: user("Missed inbound calls still to return", "Calls") },
  "/calls/active": { GET: user("The signed-in user's call in progress ({call}, null when none)", "Calls") },
  "/calls/needs-outcome": {
    GET: user("The signed-in user's calls still waiting for an outcome", "Calls", { query: needsOutcomeQuerySchema }),
  },
  "/smartflo/click-to-call": {
    POST: user("Ring the agent, then the lead (the agent's number comes from the server)", "Calls", { body: startCallSchema }),
  },
  "/smartflo/hangup": { POST: user("Hang up a call (Smartflo's call_id or ours)", "Calls", { body: hangupSchema }) },
  "/smartflo/agents": { GET: admin("Smartflo's agents (to suggest agent numbers)", "Users") },
  "/smartflo/webhook": {
    POST: { summary: "Smartflo's webhook deliveries (stored raw first)", tag: "Smartflo", access: "token" },
    GET: { summary: "Smartflo's webhook deliveries sent as GET", tag: "Smartflo", access: "token" },
    PUT: { summary: "Smartflo's webhook deliveries sent as PUT", tag: "Smartflo", access: "token" },
  },

  "/tasks": {
    GET: user("Follow-ups: mine or my team's, open or done", "Tasks", { query: listTasksQuerySchema }),
    POST: user("Add a follow-up to a lead", "Tasks", { body: createTaskSchema }),
  },
  "/tasks/{id}": { PATCH: user("Mark a follow-up done, snooze or rename it", "Tasks", { body: updateTaskSchema }) },
  "/tasks/counts": { GET: user("How many follow-ups are due and overdue", "Tasks") },

  "/dispositions": {
    GET: user("Call outcomes (all of them with ?all=1, admins)", "Calls"),
    POST: admin("Add a call outcome", "Calls", { body: createDispositionSchema }),
  },
  "/dispositions/{id}": { PATCH: admin("Change a call outcome", "Calls", { body: updateDispositionSchema }) },

  "/dialer/session": {
    GET: user("The signed-in agent's dialer session and its offer", "Dialer"),
    POST: user("Start a dialer session (follow-ups, a filter, a campaign)", "Dialer", { body: startSessionSchema }),
  },
  "/dialer/session/{id}": { DELETE: user("End the dialer session", "Dialer") },
  "/dialer/session/{id}/next": { POST: user("Offer the next lead", "Dialer") },
  "/dialer/offers/{id}/skip": { POST: user("Skip the offered lead", "Dialer") },
  "/dialer/offers/{id}/snooze": { POST: user("Snooze the offered lead", "Dialer", { body: snoozeSchema }) },
  "/campaigns": {
    GET: { summary: "Campaigns with their progress", tag: "Dialer", access: "managers" },
    POST: { summary: "Create a campaign", tag: "Dialer", access: "managers", body: createCampaignSchema },
  },
  "/campaigns/{id}": {
    GET: { summary: "One campaign", tag: "Dialer", access: "managers" },
    PATCH: { summary: "Pause, resume, end or rename a campaign", tag: "Dialer", access: "managers", body: updateCampaignSchema },
  },

  "/me": { GET: user("Who is signed in (name, role, manager)", "Users") },
  "/breaks/me": {
    GET: user("The signed-in user's break, if on one", "Breaks"),
    POST: user("Start a break", "Breaks", { body: startBreakSchema }),
    DELETE: user("End the break", "Breaks"),
  },
  "/breaks/reasons": {
    GET: user("Break reasons (all of them with ?all=1, admins)", "Breaks"),
    POST: admin("Add a break reason", "Breaks", { body: breakReasonSchema }),
  },
  "/breaks/reasons/{id}": { PATCH: admin("Change a break reason", "Breaks", { body: breakReasonPatchSchema }) },
  "/breaks/reasons/smartflo": { POST: admin("Import Smartflo's break reasons", "Breaks") },

  "/live/board": { GET: { summary: "The live floor: agents, their state and calls", tag: "Live", access: "managers" } },
  "/events": { GET: user("The live stream (server-sent events)", "Live", { produces: "text/event-stream" }) },
  "/dashboard": {
    GET: { summary: "Call and lead measures for a period", tag: "Dashboard", access: "managers", query: dashboardQuerySchema },
  },
  "/dashboard/speed-to-lead": {
    GET: {
      summary: "Speed to lead for a period: time to first call and first connect, within target, never called, breaches, reassignments",
      tag: "Dashboard",
      access: "managers",
      query: dashboardQuerySchema,
    },
  },
  "/reports/lead-sources": {
    GET: {
      summary: "Leads, duplicates, contacted, time to first call, qualified, won and cost per source for a period (?format=csv: a file)",
      tag: "Reports",
      access: "managers",
      query: leadSourceReportQuerySchema,
    },
  },
  "/reports/lead-sources/spend": {
    PUT: admin("Enter what a lead source cost in a month (0 removes it)", "Reports", { body: sourceSpendSchema }),
  },
  "/audit": { GET: admin("The audit log", "Admin", { query: listAuditQuerySchema }) },

  "/users": {
    GET: user("People leads can go to (all users with ?all=1, admins)", "Users"),
    POST: admin("Add a user", "Users", { body: createUserSchema }),
  },
  "/users/{id}": { PATCH: admin("Change a user: role, team, agent number, active", "Users", { body: updateUserSchema }) },

  "/custom-fields": {
    GET: user("Custom lead fields: key, label, kind, choices, required, archived", "Leads", {
      scope: "leads:read",
      query: listCustomFieldsQuerySchema,
      response: customFieldsResponse,
    }),
    POST: admin("Add a custom lead field", "Leads", { body: createCustomFieldSchema }),
  },
  "/custom-fields/{id}": {
    PATCH: admin("Change a custom field's label, choices, required or order, or archive it", "Leads", { body: updateCustomFieldSchema }),
    DELETE: admin("Delete a custom field no lead holds a value for", "Leads"),
  },
  "/api-keys": {
    GET: admin("API keys (never the keys themselves)", "Intake"),
    POST: admin("Make an API key (the key is in this answer only)", "Intake", { body: createApiKeySchema }),
  },
  "/api-keys/{id}": { DELETE: admin("Revoke an API key", "Intake") },
  "/lead-sources": {
    GET: admin("Inbound lead sources with their last day's deliveries", "Intake"),
    POST: admin("Make a lead source (its URL, with its secret, in this answer only)", "Intake", { body: createLeadSourceSchema }),
  },
  "/lead-sources/{id}": {
    PATCH: admin("Rename, switch off, or set the field names of a lead source", "Intake", { body: updateLeadSourceSchema }),
  },
  "/lead-sources/{id}/form": {
    PUT: admin("Create or change the source's hosted form (/f/{slug}: embeddable, works without JavaScript)", "Intake", {
      body: webFormSchema,
    }),
    DELETE: admin("Remove the source's hosted form", "Intake"),
  },
  "/lead-sources/{id}/url": { POST: admin("A new URL for a lead source (the old one stops working)", "Intake") },
  "/lead-sources/{id}/deliveries": {
    GET: admin("A lead source's deliveries and what became of each", "Intake", { query: deliveriesQuerySchema }),
  },
  "/lead-deliveries/{id}/replay": { POST: admin("Read a kept delivery again (after fixing the field names)", "Intake") },
  "/intake/{sourceId}": { POST: { summary: "A lead source's URL: post a lead as JSON or a form", tag: "Intake", access: "token" } },
  "/integrations": { GET: admin("Meta Lead Ads, Google Ads and IndiaMART: status, last lead, errors, the values to paste", "Intake") },
  "/integrations/{kind}": {
    PATCH: admin("Switch a connector on or off, set or clear its secrets (never shown back); kind: meta, google-ads, indiamart", "Intake", {
      body: updateIntegrationSchema,
    }),
  },
  "/integrations/{kind}/test": { POST: admin("Send a test lead through the built-in simulator, end to end (development)", "Intake") },
  "/integrations/{kind}/sync": { POST: admin("Meta: fetch every form's leads since the last sync; IndiaMART: pull now", "Intake") },
  "/integrations/{kind}/key": { POST: admin("Google Ads: a new webhook key (in this answer only)", "Intake") },
  "/integrations/{kind}/forms/{formId}": {
    PUT: admin("Meta: which lead field each of a form's questions fills", "Intake", { body: formMappingSchema }),
  },
  "/integrations/{kind}/webhook": {
    GET: { summary: "Meta's subscription handshake (hub.mode, hub.verify_token, hub.challenge)", tag: "Intake", access: "token" },
    POST: {
      summary: "Meta's signed lead notifications (X-Hub-Signature-256) and Google Ads lead form webhooks (google_key)",
      tag: "Intake",
      access: "token",
    },
  },

  "/webhook-endpoints": {
    GET: admin("Outgoing webhook endpoints, their health and last day's deliveries", "Outgoing webhooks", {
      scope: "webhooks:manage",
      response: webhookEndpointsResponse,
    }),
    POST: admin("Register an endpoint for events (its signing secret in this answer only)", "Outgoing webhooks", {
      body: createWebhookEndpointSchema,
      scope: "webhooks:manage",
      response: webhookEndpointWithSecretResponse,
      status: 201,
    }),
  },
  "/webhook-endpoints/{id}": {
    PATCH: admin("Change an endpoint's address, events or description, or turn it off or on", "Outgoing webhooks", {
      body: updateWebhookEndpointSchema,
      scope: "webhooks:manage",
      response: webhookEndpointResponse,
    }),
    DELETE: admin("Delete an endpoint and its delivery log", "Outgoing webhooks", { scope: "webhooks:manage", status: 204 }),
  },
  "/webhook-endpoints/{id}/secret": {
    POST: admin("A new signing secret (the old one also signs for 24 hours)", "Outgoing webhooks", {
      scope: "webhooks:manage",
      response: webhookEndpointWithSecretResponse,
    }),
  },
  "/webhook-endpoints/{id}/test": {
    POST: admin("Send a webhook.test event now and say what the endpoint answered", "Outgoing webhooks", {
      scope: "webhooks:manage",
      response: tryAnswerResponse,
    }),
  },
  "/webhook-endpoints/{id}/deliveries": {
    GET: admin("An endpoint's deliveries: status, tries, last answer, next try", "Outgoing webhooks", {
      query: webhookDeliveriesQuerySchema,
      scope: "webhooks:manage",
      response: webhookDeliveryPageResponse,
    }),
  },
  "/webhook-deliveries/{id}/replay": {
    POST: admin("Send a delivery again now (same webhook-id)", "Outgoing webhooks", {
      scope: "webhooks:manage",
      response: tryAnswerResponse,
    }),
  },

  "/webhook-events": {
    GET: admin("Smartflo webhook deliveries and what became of each", "Smartflo", { query: listWebhookEventsQuerySchema }),
  },
  "/webhook-events/{id}/replay": { POST: admin("Process a Smartflo delivery again", "Smartflo") },
  "/webhook-events/{id}/link": {
    POST: admin("Link an unmatched Smartflo delivery to a lead", "Smartflo", { body: linkWebhookEventSchema }),
  },
  "/reconcile": { POST: admin("Sync calls from Smartflo's call records for a date range", "Smartflo", { body: reconcileRangeSchema }) },
  "/reconcile/{id}": { GET: admin("A Sync calls run's progress", "Smartflo") },

  "/settings/telephony": { GET: admin("Smartflo set-up status: credentials, webhook URL, last deliveries", "Settings") },
  "/settings/telephony/check": { POST: admin("Check the connection to Smartflo", "Settings") },
  "/settings/telephony/test-delivery": {
    POST: admin("Send a sample delivery through the webhook URL", "Settings", { body: testDeliverySchema }),
  },
  "/settings/compliance": {
    GET: user("Calling hours, holidays, consent and retention rules", "Compliance"),
    PUT: admin("Change the calling rules", "Compliance", { body: complianceSettingsPatchSchema }),
  },
  "/settings/dialer": {
    GET: user("Dialer settings", "Dialer"),
    PUT: admin("Change the dialer settings", "Dialer", { body: dialerSettingsSchema }),
  },
  "/settings/round-robin": {
    GET: user("Round-robin assignment of new leads: on or off", "Settings"),
    PUT: admin("Switch round-robin assignment on or off", "Settings", { body: roundRobinSchema }),
  },
  "/settings/speed-to-lead": {
    GET: {
      summary: "Speed-to-lead settings: first-call targets (default and per source), reminder, capacity, away, the dialer's order",
      tag: "Lead routing",
      access: "managers",
    },
    PATCH: admin("Change the speed-to-lead settings (a partial object, merged)", "Lead routing", { body: speedSettingsPatchSchema }),
  },
  "/routing-rules": {
    GET: {
      summary: "Routing rules in the order they are tried (the fallback last), with leads each gave out in 7 days",
      tag: "Lead routing",
      access: "managers",
    },
    POST: {
      summary: "Add a routing rule (managers: for their own team), at a position or before the fallback",
      tag: "Lead routing",
      access: "managers",
      body: createRuleSchema,
      status: 201,
    },
  },
  "/routing-rules/{id}": {
    PATCH: {
      summary: "Change, move, switch off or on a routing rule (the fallback's conditions and place are fixed)",
      tag: "Lead routing",
      access: "managers",
      body: updateRuleSchema,
    },
    DELETE: { summary: "Delete a routing rule (not the fallback: 409)", tag: "Lead routing", access: "managers", status: 204 },
  },
  "/routing-rules/test": {
    POST: {
      summary: "Who a sample lead would go to now: {userId, userName, ruleId, ruleName, reason} (nothing is assigned)",
      tag: "Lead routing",
      access: "managers",
      body: testRuleSchema,
    },
  },
  "/settings/own-numbers": {
    GET: admin("Our own numbers (never taken for a customer)", "Settings"),
    POST: admin("Add one of our own numbers", "Settings", { body: ownNumberSchema }),
  },
  "/settings/own-numbers/{id}": { DELETE: admin("Remove one of our own numbers", "Settings") },
  "/settings/own-numbers/sync": { POST: admin("Take our own numbers from Smartflo", "Settings") },
  "/number-sources": {
    GET: admin("Our numbers (DIDs customers dial) with the lead source of each, and numbers dialled that have none", "Settings", {
      response: numberSourcesResponse,
    }),
    PUT: admin("Name the lead source of one of our numbers, or change it", "Settings", {
      body: numberSourceSchema,
      response: numberSourceResponse,
    }),
  },
  "/number-sources/{number}": {
    DELETE: admin("Forget a number's lead source (the number URL-encoded, E.164)", "Settings", { status: 204 }),
  },

  "/dnc": {
    GET: user("The do-not-call list", "Compliance", { query: dncListQuerySchema }),
    POST: user("Mark a number do-not-call", "Compliance", { body: dncAddSchema }),
  },
  "/dnc/{phone}": { DELETE: admin("Lift a do-not-call mark", "Compliance") },
  "/dnc/export": { GET: admin("The do-not-call list as CSV", "Compliance", { produces: "text/csv" }) },
  "/dnc/import": { POST: admin("Import a DND list (CSV)", "Compliance", { body: dncImportSchema }) },
  "/dnc/push": { POST: admin("Push the do-not-call list to Smartflo", "Compliance", { body: dncPushSchema }) },
  "/compliance/hours": { GET: user("Whether calls are allowed now, and when they open or close (India time)", "Compliance") },
  "/compliance/overrides": {
    POST: { summary: "Allow one call outside the calling rules", tag: "Compliance", access: "managers", body: overrideSchema },
  },
  "/privacy/search": { GET: admin("Find a person's data (a data request)", "Compliance") },
  "/privacy/export": { POST: admin("Export a person's data", "Compliance", { body: privacyExportSchema }) },
  "/privacy/erase": { POST: admin("Erase a person's data", "Compliance", { body: privacyEraseSchema }) },
};
