// Google Ads lead form webhooks: Google POSTs each lead with the key we gave it (google_key, checked
// in constant time; wrong: refused and kept digest-only). Stored first, deduped on lead_id, made a
// lead through the intake platform. Google's own test leads (is_test) are kept, marked, and make no
// lead, so they reach no list, queue or report.
import "server-only";
import { randomBytes } from "node:crypto";
import { AppError } from "../errors";
import { processDelivery } from "../intake/sources";
import { outcomeText, sameSecret, storeConnectorLead, storeRefused } from "./deliveries";
import { googleLeadPayload, parseWebhookLead } from "./google-ads-protocol";
import { connectorSecrets, connectorSource, recordHealth } from "./settings";

export const MAX_LEAD_BYTES = 64 * 1024;

/** A new key for the Google Ads form (shown once on the integrations page). */
export const newGoogleKey = () => randomBytes(24).toString("base64url");

export async function receiveGoogleLead({ raw, contentType }: { raw: Buffer; contentType: string | null }) {
  const source = await connectorSource("GOOGLE_ADS");
  const { webhookKey } = await connectorSecrets("GOOGLE_ADS");
  const lead = parseWebhookLead(raw.toString("utf8"));
  if (!webhookKey) {
    await storeRefused({ sourceId: source.id, raw, contentType, reason: "Google Ads is not set up: no key to check" });
    throw new AppError("UNAVAILABLE", "Google Ads lead forms are not set up yet (GOOGLE_ADS_WEBHOOK_KEY)", {
      fields: { google_key: "no key is set here" },
    });
  }
  if (!lead || typeof lead.google_key !== "string" || !sameSecret(lead.google_key, webhookKey)) {
    await storeRefused({
      sourceId: source.id,
      raw,
      contentType,
      reason: lead ? "the google_key does not match" : "the body is not a Google Ads lead",
    });
    throw new AppError("FORBIDDEN", "The key does not match", { fields: { google_key: "does not match the key set for this CRM" } });
  }
  if (lead.lead_id === undefined || lead.lead_id === null || String(lead.lead_id).trim() === "") {
    await storeRefused({ sourceId: source.id, raw, contentType, reason: "no lead_id" });
    throw new AppError("VALIDATION", "The lead has no lead_id", { fields: { lead_id: "is required" } });
  }
  const isTest = lead.is_test === true;
  const { delivery, earlier } = await storeConnectorLead(
    {
      sourceId: source.id,
      externalId: String(lead.lead_id),
      body: raw.toString("utf8"),
      payload: googleLeadPayload(lead),
      contentType: contentType ?? "application/json",
      ...(isTest ? { status: "TEST" as const, reason: "Google Ads test lead: read and kept, no lead made" } : {}),
    },
    { onRepeat: "record" },
  );
  if (!delivery) throw new Error("unreachable: a repeat is recorded");
  if (isTest || earlier) {
    await recordHealth("GOOGLE_ADS", {
      ok: true,
      result: isTest ? "Google's test lead received (no lead made)" : "The same lead again (ignored)",
    });
    return { deliveryId: delivery.id, status: delivery.status, leadId: delivery.leadId };
  }
  const outcome = await processDelivery(delivery.id);
  await recordHealth("GOOGLE_ADS", {
    ok: true,
    result: outcomeText(outcome),
    leadAt: new Date(),
  });
  return { deliveryId: delivery.id, ...outcome };
}
