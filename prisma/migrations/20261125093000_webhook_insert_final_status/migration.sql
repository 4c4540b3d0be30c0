-- The hot path writes the delivery once, with its outcome, instead of inserting it as RECEIVED and
-- updating it in the same transaction: that update could never be HOT (status and callId are
-- indexed), so every delivery left a dead row and a second set of index entries behind, and
-- throughput sank as they piled up between vacuums. Within one statement nothing is lost either
-- way: the row is written in every outcome (PROCESSED, DUPLICATE, FAILED with the error, or RECEIVED
-- for the general path), and if the statement itself fails nothing is acknowledged, so Smartflo
-- retries.
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
