-- Click-to-call's bookkeeping in one round trip: lock the agent's row (double clicks and a second
-- tab queue here), read the agent's Smartflo number from the database (never from the browser),
-- refuse while a call of theirs is in progress (started within p_stale_seconds) or once they have
-- placed p_max_per_day calls since p_day_start (toll-fraud and runaway-script guard), and create the
-- call and its timeline entry. Each statement of the function reads the latest committed rows, so the checks after the
-- lock see a call the previous holder created.
-- What "in progress" means comes from lib/calls/status.ts (p_active_statuses, p_stale_seconds).
-- Returns {agentNumber} or {error: NO_AGENT_NUMBER | BUSY | DAILY_LIMIT, activeCall?, placedToday?}.
DROP FUNCTION IF EXISTS crm_start_call(text, text, text, text, int);
DROP FUNCTION IF EXISTS crm_start_call(text, text, text, text, int, timestamp, int);

CREATE OR REPLACE FUNCTION crm_start_call(
  p_call_id text, p_agent_id text, p_lead_id text, p_customer_number text,
  p_active_statuses text[], p_stale_seconds int, p_day_start timestamp, p_max_per_day int
) RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  now_utc timestamp(3) := (clock_timestamp() AT TIME ZONE 'UTC');
  agent_number text;
  active record;
  placed int;
BEGIN
  SELECT btrim(u."smartfloAgentNumber") INTO agent_number FROM "user" u WHERE u.id = p_agent_id FOR UPDATE;
  IF agent_number IS NULL OR agent_number = '' THEN
    RETURN jsonb_build_object('error', 'NO_AGENT_NUMBER');
  END IF;
  SELECT c.id, c."leadId" INTO active FROM "call" c
  WHERE c."agentId" = p_agent_id AND c.status = ANY (p_active_statuses::"CallStatus"[])
    AND c."createdAt" > now_utc - make_interval(secs => p_stale_seconds)
  LIMIT 1;
  IF FOUND THEN
    RETURN jsonb_build_object('error', 'BUSY', 'activeCall', jsonb_build_object('id', active.id, 'leadId', active."leadId"));
  END IF;
  -- Counted up to the cap: reaching it is all that matters, and the count costs no more than that.
  SELECT count(*) INTO placed FROM (
    SELECT 1 FROM "call" c
    WHERE c."agentId" = p_agent_id AND c.direction = 'OUTBOUND' AND c."createdAt" >= p_day_start
    LIMIT p_max_per_day) s;
  IF placed >= p_max_per_day THEN
    RETURN jsonb_build_object('error', 'DAILY_LIMIT', 'placedToday', placed);
  END IF;
  -- The lead's id is the ref_id we send Smartflo; the timeline entry comes with the call (a call
  -- Smartflo then refuses shows there as failed).
  INSERT INTO "call" (id, "leadId", "agentId", direction, status, "customerNumber", "agentNumber", "refId", "startedAt", "createdAt",
    "updatedAt")
  VALUES (p_call_id, p_lead_id, p_agent_id, 'OUTBOUND', 'INITIATED', p_customer_number, agent_number, p_lead_id, now_utc, now_utc,
    now_utc);
  INSERT INTO activity (id, "leadId", type, "actorId", "callId", payload, "createdAt", "updatedAt")
  VALUES (gen_random_uuid()::text, p_lead_id, 'CALL', p_agent_id, p_call_id, '{}', now_utc, now_utc);
  RETURN jsonb_build_object('agentNumber', agent_number);
END
$fn$;
