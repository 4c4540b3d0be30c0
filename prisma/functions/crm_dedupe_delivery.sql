-- Identical deliveries (Smartflo's retries, our retry sweep) are serialised on their dedupe key
-- (an advisory lock held to the end of the transaction): the first to get here is processed, and
-- any later one finds it and is a DUPLICATE. Returns the earlier delivery's {callId, leadId}, or
-- NULL when this one is the first. The one dedupe rule: the webhook's hot path
-- (crm_ingest_webhook) and the general path (lib/webhooks/service.ts) both call it.
CREATE OR REPLACE FUNCTION crm_dedupe_delivery(p_dedupe_key text, p_id text)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  earlier record;
BEGIN
  IF p_dedupe_key IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended(p_dedupe_key, 0));
  SELECT w."callId", w."leadId" INTO earlier FROM webhook_event w
  WHERE w."dedupeKey" = p_dedupe_key AND w.id <> p_id AND w.status IN ('PROCESSED', 'DUPLICATE')
  LIMIT 1;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  RETURN jsonb_build_object('callId', earlier."callId", 'leadId', earlier."leadId");
END
$fn$;
