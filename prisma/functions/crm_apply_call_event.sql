-- Applies one normalised event (lib/smartflo/webhook-payload.ts NormalizedEvent as JSON) to a
-- call: locks it, merges the fields (the later stage wins, idempotently), keeps its timeline
-- entry, the lead's lastContactedAt, the NEW to CONTACTED rule (answered, over p_contacted_min_talk
-- seconds) and the automatic call-back tasks. Returns {callId, leadId, statusChanged}.
-- After crm_start_call creates a call, this is the only writer of its progress: Smartflo's webhooks
-- (source 'webhook') and our own side of the call (lib/calls/own-events.ts: the click-to-call
-- answer, a /live_calls lookup, the agent's hang-up, Smartflo refusing the call). Our own side is
-- provisional: it never replaces Smartflo's final word, and a refusal only ends a call never rung.
CREATE OR REPLACE FUNCTION crm_apply_call_event(p_call_id text, p_lead_id text, ev jsonb, p_contacted_min_talk int)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  cur "call"%ROWTYPE;
  upd "call"%ROWTYPE;
  now_utc timestamp(3) := (clock_timestamp() AT TIME ZONE 'UTC');
  ev_status text := ev->>'status';
  newer boolean;
  is_final boolean := coalesce((ev->>'isFinal')::boolean, false);
  ev_answered timestamp(3) := (ev->>'answeredAt')::timestamptz AT TIME ZONE 'UTC';
  ev_ended timestamp(3) := (ev->>'endedAt')::timestamptz AT TIME ZONE 'UTC';
  ev_started timestamp(3) := (ev->>'startedAt')::timestamptz AT TIME ZONE 'UTC';
  ev_talk int := (ev->>'talkSeconds')::int;
  ev_ring int := (ev->>'ringSeconds')::int;
  ev_duration int := (ev->>'durationSeconds')::int;
  new_agent text;
  named_agent text;
  contacted_at timestamp(3);
  status_changed boolean := false;
  lead_row record;
  erased boolean;
  own_side boolean := coalesce(ev->>'source', 'webhook') <> 'webhook';
BEGIN
  SELECT * INTO cur FROM "call" WHERE id = p_call_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'call % does not exist', p_call_id USING ERRCODE = 'no_data_found';
  END IF;
  newer := crm_stage_rank(ev_status) >= crm_stage_rank(cur.status::text);
  IF own_side AND (crm_stage_rank(cur.status::text) = 3 OR (ev_status = 'FAILED' AND cur.status <> 'INITIATED')) THEN
    RETURN jsonb_build_object('callId', cur.id, 'leadId', cur."leadId", 'statusChanged', false);
  END IF;
  erased := EXISTS (SELECT 1 FROM lead l WHERE l.id = coalesce(cur."leadId", p_lead_id) AND l."erasedAt" IS NOT NULL);
  -- An inbound call belongs to the agent Smartflo last named (rung, answered, transferred to).
  IF cur.direction = 'INBOUND' AND newer THEN
    named_agent := crm_agent_by_number(ev->>'agentNumber');
  END IF;
  IF cur."agentId" IS NULL THEN
    new_agent := coalesce(crm_agent_by_number(ev->>'agentNumber'), (SELECT l."ownerId" FROM lead l WHERE l.id = p_lead_id));
  END IF;

  -- keep(x): the event's value when it has one and it is newer (or the call has none yet).
  UPDATE "call" c SET
    "providerCallId" = coalesce(cur."providerCallId", ev->>'callId'),
    "providerUuid" = coalesce(cur."providerUuid", ev->>'uuid'),
    "refId" = coalesce(cur."refId", ev->>'refId'),
    -- A person whose data was erased stays erased when a late delivery for their call arrives.
    "customerNumber" = CASE WHEN erased THEN NULL ELSE coalesce(cur."customerNumber", ev->>'customerNumber') END,
    "agentNumber" = coalesce(cur."agentNumber", ev->>'agentNumber'),
    "dialledNumber" = coalesce(cur."dialledNumber", ev->>'dialledNumber'),
    "ivrDigits" = coalesce(ev->>'ivrDigits', cur."ivrDigits"),
    "startedAt" = coalesce(cur."startedAt", ev_started),
    "answeredAt" = CASE WHEN ev_answered IS NOT NULL AND (newer OR cur."answeredAt" IS NULL) THEN ev_answered ELSE cur."answeredAt" END,
    "endedAt" = CASE
      WHEN ev_ended IS NOT NULL AND (newer OR cur."endedAt" IS NULL) THEN ev_ended
      WHEN newer AND is_final AND ev_ended IS NULL AND cur."endedAt" IS NULL THEN now_utc
      ELSE cur."endedAt" END,
    "talkSeconds" = CASE WHEN ev_talk IS NOT NULL AND (newer OR cur."talkSeconds" IS NULL) THEN ev_talk ELSE cur."talkSeconds" END,
    "ringSeconds" = CASE WHEN ev_ring IS NOT NULL AND (newer OR cur."ringSeconds" IS NULL) THEN ev_ring ELSE cur."ringSeconds" END,
    "durationSeconds" = CASE WHEN ev_duration IS NOT NULL AND (newer OR cur."durationSeconds" IS NULL)
      THEN ev_duration ELSE cur."durationSeconds" END,
    "recordingUrl" = CASE WHEN erased OR cur."recordingDeletedAt" IS NOT NULL THEN NULL
      WHEN ev->>'recordingUrl' IS NOT NULL AND (newer OR cur."recordingUrl" IS NULL)
      THEN ev->>'recordingUrl' ELSE cur."recordingUrl" END,
    "hangupCause" = CASE WHEN ev->>'hangupCause' IS NOT NULL AND (newer OR cur."hangupCause" IS NULL)
      THEN ev->>'hangupCause' ELSE cur."hangupCause" END,
    "providerStatus" = CASE WHEN ev->>'rawStatus' IS NOT NULL AND (newer OR cur."providerStatus" IS NULL)
      THEN ev->>'rawStatus' ELSE cur."providerStatus" END,
    status = CASE WHEN newer THEN ev_status::"CallStatus" ELSE cur.status END,
    "error" = CASE WHEN newer AND ev->>'error' IS NOT NULL THEN left(ev->>'error', 500) ELSE cur."error" END,
    "leadId" = coalesce(cur."leadId", p_lead_id),
    "agentId" = coalesce(named_agent, cur."agentId", new_agent),
    -- Smartflo naming another agent on a connected call is a transfer (made in Smartflo's own panel).
    "transferredFromId" = CASE WHEN cur.status = 'ANSWERED' AND named_agent <> cur."agentId"
      THEN coalesce(cur."transferredFromId", cur."agentId") ELSE cur."transferredFromId" END,
    "transferredAt" = CASE WHEN cur.status = 'ANSWERED' AND named_agent <> cur."agentId"
      THEN coalesce(cur."transferredAt", now_utc) ELSE cur."transferredAt" END,
    "updatedAt" = now_utc
  WHERE c.id = cur.id
  RETURNING c.* INTO upd;

  IF upd."leadId" IS NOT NULL THEN
    INSERT INTO activity (id, "leadId", type, "actorId", "callId", payload, "createdAt", "updatedAt")
    VALUES (gen_random_uuid()::text, upd."leadId", 'CALL', upd."agentId", upd.id, '{}',
            coalesce(upd."startedAt", upd."createdAt"), now_utc)
    ON CONFLICT ("callId") DO UPDATE SET "leadId" = EXCLUDED."leadId", "updatedAt" = now_utc;
    -- A ringing phone is not contact yet: answered or ended calls (missed ones are attempts) count;
    -- a call Smartflo refused to place never reached anyone.
    contacted_at := CASE WHEN ev->>'source' = 'refused' THEN NULL ELSE coalesce(upd."endedAt", upd."answeredAt") END;
    IF contacted_at IS NOT NULL THEN
      UPDATE lead SET "lastContactedAt" = contacted_at, "updatedAt" = now_utc
      WHERE id = upd."leadId" AND ("lastContactedAt" IS NULL OR "lastContactedAt" < contacted_at);
    END IF;
    IF upd.status = 'COMPLETED' AND coalesce(upd."talkSeconds", 0) > p_contacted_min_talk THEN
      status_changed := crm_transition_lead_status(
        upd."leadId", 'NEW', 'CONTACTED', NULL, format('Answered call, %s s talk time', upd."talkSeconds"));
    END IF;
    -- Missed (inbound) or unanswered (outbound): a call-back for the lead's owner, once per call.
    -- Answered: the lead's other open call-backs are done.
    IF upd.status = 'MISSED' THEN
      SELECT l.name, l."ownerId" INTO lead_row FROM lead l WHERE l.id = upd."leadId";
      IF FOUND THEN
        INSERT INTO task (id, "leadId", "callId", kind, title, "dueAt", "assigneeId", "createdAt", "updatedAt")
        VALUES (gen_random_uuid()::text, upd."leadId", upd.id, 'CALL_BACK',
                CASE WHEN upd.direction = 'INBOUND' THEN format('Call back %s: missed inbound call', lead_row.name)
                     ELSE format('Call back %s: no answer', lead_row.name) END,
                coalesce(upd."endedAt", now_utc), coalesce(lead_row."ownerId", upd."agentId"), now_utc, now_utc)
        ON CONFLICT ("callId") DO NOTHING;
      END IF;
    ELSIF upd.status = 'COMPLETED' AND coalesce(upd."talkSeconds", 0) > 0 THEN
      UPDATE task SET "doneAt" = now_utc, "updatedAt" = now_utc
      WHERE "leadId" = upd."leadId" AND kind = 'CALL_BACK' AND "doneAt" IS NULL AND "callId" <> upd.id;
    END IF;
  END IF;
  RETURN jsonb_build_object('callId', upd.id, 'leadId', upd."leadId", 'statusChanged', status_changed);
END
$fn$;
