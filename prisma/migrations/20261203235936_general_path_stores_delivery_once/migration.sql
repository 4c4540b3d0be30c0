-- FUNCTION_BEGIN crm_ingest_webhook (prisma/functions/crm_ingest_webhook.sql)
-- The webhook's hot path in one statement: when Smartflo's call_id names a call we know, process
-- the delivery (exactly once per identical delivery: crm_dedupe_delivery) and store it once, with
-- its outcome: PROCESSED, DUPLICATE, or FAILED with the error (processing is caught and undone,
-- the delivery kept for the retry sweep). Otherwise nothing is written and {status: RECEIVED}
-- returned: the caller runs the general path (lib/webhooks/process.ts, lib/calls/apply-event.ts),
-- which stores the delivery with its outcome in the same transaction. Either way a delivery is
-- written once, never inserted then updated: that update could not be HOT (status and callId are
-- indexed) and left a dead row per delivery. If a path fails as a whole nothing was acknowledged,
-- and Smartflo retries.
-- p_delivery holds the stored columns by name (id, method, contentType, headers, query, body,
-- payload, dedupeKey): the one INSERT below takes its column list from the table itself.
DROP FUNCTION IF EXISTS crm_ingest_webhook(text, text, text, jsonb, jsonb, text, jsonb, text, jsonb, int);

CREATE OR REPLACE FUNCTION crm_ingest_webhook(p_delivery jsonb, ev jsonb, p_contacted_min_talk int)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  now_utc timestamp(3) := (clock_timestamp() AT TIME ZONE 'UTC');
  known_call text;
  earlier jsonb;
  applied jsonb;
  outcome jsonb;
BEGIN
  IF ev->>'callId' IS NOT NULL THEN
    SELECT id INTO known_call FROM "call" WHERE "providerCallId" = ev->>'callId';
  END IF;
  IF known_call IS NOT NULL THEN
    BEGIN
      earlier := crm_dedupe_delivery(p_delivery->>'dedupeKey', p_delivery->>'id');
      IF earlier IS NOT NULL THEN
        outcome := earlier || jsonb_build_object('status', 'DUPLICATE');
      ELSE
        applied := crm_apply_call_event(known_call, NULL, ev, p_contacted_min_talk);
        outcome := jsonb_build_object('status', 'PROCESSED', 'callId', applied->>'callId', 'leadId', applied->>'leadId');
      END IF;
    EXCEPTION WHEN OTHERS THEN
      -- Processing failed and was undone: the delivery is still stored, for the retry sweep.
      outcome := jsonb_build_object('status', 'FAILED', 'error', left(SQLERRM, 1000));
    END;
    outcome := outcome || jsonb_build_object('processedAt', now_utc, 'attempts', 1);
  ELSE
    RETURN jsonb_build_object('status', 'RECEIVED');
  END IF;
  INSERT INTO webhook_event
  SELECT * FROM jsonb_populate_record(NULL::webhook_event, p_delivery || jsonb_build_object('receivedAt', now_utc) || outcome);
  RETURN outcome - 'attempts' - 'processedAt';
END
$fn$;
-- FUNCTION_END crm_ingest_webhook
