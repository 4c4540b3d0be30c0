-- The webhook's hot path in one statement: when Smartflo's call_id names a call we know, process
-- the delivery (exactly once per identical delivery, under an advisory lock on its dedupe key) and
-- store it once, with its outcome: PROCESSED, DUPLICATE, or FAILED with the error (the processing
-- is caught and undone, the delivery kept for the retry sweep). Otherwise store it as RECEIVED and
-- return {status: RECEIVED}: the caller runs the general path (lib/calls/apply-event.ts). Written
-- once, never inserted then updated: that update could not be HOT (status and callId are indexed)
-- and left a dead row per delivery. If the statement fails as a whole nothing was acknowledged,
-- and Smartflo retries.
CREATE OR REPLACE FUNCTION crm_ingest_webhook(
  p_id text, p_method text, p_content_type text, p_headers jsonb, p_query jsonb, p_body text,
  p_payload jsonb, p_dedupe_key text, ev jsonb, p_contacted_min_talk int
) RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  now_utc timestamp(3) := (clock_timestamp() AT TIME ZONE 'UTC');
  known_call text;
  earlier record;
  applied jsonb;
  failure text;
BEGIN
  IF ev->>'callId' IS NOT NULL THEN
    SELECT id INTO known_call FROM "call" WHERE "providerCallId" = ev->>'callId';
  END IF;
  IF known_call IS NULL THEN
    INSERT INTO webhook_event (id, "receivedAt", method, "contentType", headers, query, body, payload, "dedupeKey", status, attempts)
    VALUES (p_id, now_utc, p_method, p_content_type, p_headers, p_query, p_body, p_payload, p_dedupe_key, 'RECEIVED', 0);
    RETURN jsonb_build_object('status', 'RECEIVED');
  END IF;
  BEGIN
    IF p_dedupe_key IS NOT NULL THEN
      PERFORM pg_advisory_xact_lock(hashtextextended(p_dedupe_key, 0));
      SELECT w."callId", w."leadId" INTO earlier FROM webhook_event w
      WHERE w."dedupeKey" = p_dedupe_key AND w.status IN ('PROCESSED', 'DUPLICATE') LIMIT 1;
      IF FOUND THEN
        INSERT INTO webhook_event (id, "receivedAt", method, "contentType", headers, query, body, payload, "dedupeKey", status, "callId", "leadId", "processedAt", attempts)
        VALUES (p_id, now_utc, p_method, p_content_type, p_headers, p_query, p_body, p_payload, p_dedupe_key, 'DUPLICATE', earlier."callId", earlier."leadId", now_utc, 1);
        RETURN jsonb_build_object('status', 'DUPLICATE', 'callId', earlier."callId", 'leadId', earlier."leadId");
      END IF;
    END IF;
    applied := crm_apply_call_event(known_call, NULL, ev, p_contacted_min_talk);
    INSERT INTO webhook_event (id, "receivedAt", method, "contentType", headers, query, body, payload, "dedupeKey", status, "callId", "leadId", "processedAt", attempts)
    VALUES (p_id, now_utc, p_method, p_content_type, p_headers, p_query, p_body, p_payload, p_dedupe_key, 'PROCESSED', applied->>'callId', applied->>'leadId', now_utc, 1);
    RETURN jsonb_build_object('status', 'PROCESSED', 'callId', applied->>'callId', 'leadId', applied->>'leadId');
  EXCEPTION WHEN OTHERS THEN
    failure := left(SQLERRM, 1000);
  END;
  -- Processing failed and was undone: the delivery is still stored, for the retry sweep.
  INSERT INTO webhook_event (id, "receivedAt", method, "contentType", headers, query, body, payload, "dedupeKey", status, error, "processedAt", attempts)
  VALUES (p_id, now_utc, p_method, p_content_type, p_headers, p_query, p_body, p_payload, p_dedupe_key, 'FAILED', failure, now_utc, 1);
  RETURN jsonb_build_object('status', 'FAILED', 'error', failure);
END
$fn$;
