-- Moves a lead from p_from to p_to only if it is still in p_from (a guarded update: a concurrent
-- change is never overwritten) and records the STATUS_CHANGE on its timeline. The one place a
-- lead's stage changes: the call rules (crm_apply_call_event), edits and call outcomes
-- (lib/leads/status.ts) all come here. Returns whether it moved.
CREATE OR REPLACE FUNCTION crm_transition_lead_status(p_lead_id text, p_from text, p_to text, p_actor_id text, p_reason text)
RETURNS boolean LANGUAGE plpgsql AS $fn$
DECLARE
  now_utc timestamp(3) := (clock_timestamp() AT TIME ZONE 'UTC');
BEGIN
  IF p_from = p_to THEN
    RETURN false;
  END IF;
  UPDATE lead SET status = p_to::"LeadStatus", "updatedAt" = now_utc WHERE id = p_lead_id AND status = p_from::"LeadStatus";
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO activity (id, "leadId", type, "actorId", payload, "createdAt", "updatedAt")
  VALUES (gen_random_uuid()::text, p_lead_id, 'STATUS_CHANGE', p_actor_id,
          jsonb_strip_nulls(jsonb_build_object('from', p_from, 'to', p_to, 'reason', p_reason)), now_utc, now_utc);
  RETURN true;
END
$fn$;
