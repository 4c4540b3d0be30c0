-- FUNCTION_BEGIN crm_webhook_outbox (prisma/functions/crm_webhook_outbox.sql)
-- Outgoing webhooks' outbox: a change to a lead, a call or a task writes its event (and one
-- delivery per endpoint that subscribes to it) in the same transaction as the change, whichever
-- code path made it (services, intake, the Smartflo webhook function, imports, raw SQL). Nothing is
-- written while no enabled endpoint wants the event. The job queue sends the deliveries
-- (lib/outbound/dispatch.ts). Payloads use the API's names (camelCase, ISO times in UTC).

CREATE OR REPLACE FUNCTION crm_iso(p timestamp) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT to_char(p, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$fn$;

-- Whether any enabled endpoint subscribes to one of these types (the triggers' cheap first test).
-- PL/pgSQL, not SQL: called from PL/pgSQL, a SQL function is planned again on every call (a tenth of
-- a millisecond on every call change); PL/pgSQL keeps its plan for the session.
CREATE OR REPLACE FUNCTION crm_outbox_wanted(p_types text[]) RETURNS boolean LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN EXISTS (SELECT 1 FROM webhook_endpoint WHERE enabled AND events && p_types);
END
$fn$;

CREATE OR REPLACE FUNCTION crm_outbox_emit(p_type text, p_data jsonb) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  v_at timestamp := clock_timestamp() AT TIME ZONE 'UTC';
  v_id text := 'msg_' || replace(gen_random_uuid()::text, '-', '');
BEGIN
  IF NOT crm_outbox_wanted(ARRAY[p_type]) THEN
    RETURN;
  END IF;
  INSERT INTO outbox_event (id, type, payload, "createdAt")
  VALUES (v_id, p_type, jsonb_build_object('type', p_type, 'timestamp', crm_iso(v_at), 'data', p_data), v_at);
  INSERT INTO webhook_delivery (id, "endpointId", "eventId", "nextAttemptAt", "createdAt")
  SELECT gen_random_uuid()::text, e.id, v_id, v_at, v_at FROM webhook_endpoint e WHERE e.enabled AND p_type = ANY (e.events);
END
$fn$;

CREATE OR REPLACE FUNCTION crm_outbox_person(p_user text) RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT jsonb_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM "user" u WHERE u.id = p_user
$fn$;

CREATE OR REPLACE FUNCTION crm_outbox_lead(l lead) RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT jsonb_build_object(
    'id', l.id, 'name', l.name, 'phone', l.phone, 'email', l.email, 'status', l.status,
    'source', l.source, 'subSource', l."subSource", 'leadSourceId', l."leadSourceId", 'attribution', l.attribution,
    'fields', l.fields, 'owner', crm_outbox_person(l."ownerId"), 'purpose', l.purpose, 'doNotCall', l."doNotCall", 'isTest', l."isTest",
    'lastContactedAt', crm_iso(l."lastContactedAt"), 'erased', l."erasedAt" IS NOT NULL,
    'createdAt', crm_iso(l."createdAt"), 'updatedAt', crm_iso(l."updatedAt"))
$fn$;

CREATE OR REPLACE FUNCTION crm_outbox_call(c call) RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT jsonb_build_object(
    'id', c.id, 'leadId', c."leadId", 'agent', crm_outbox_person(c."agentId"), 'direction', c.direction, 'status', c.status,
    'customerNumber', c."customerNumber", 'startedAt', crm_iso(c."startedAt"), 'answeredAt', crm_iso(c."answeredAt"),
    'endedAt', crm_iso(c."endedAt"), 'ringSeconds', c."ringSeconds", 'talkSeconds', c."talkSeconds",
    'durationSeconds', c."durationSeconds", 'hasRecording', c."recordingUrl" IS NOT NULL, 'outcome', c.disposition,
    'notes', c.notes, 'campaignId', c."campaignId", 'createdAt', crm_iso(c."createdAt"))
$fn$;

CREATE OR REPLACE FUNCTION crm_outbox_task(t task) RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT jsonb_build_object(
    'id', t.id, 'leadId', t."leadId", 'assignee', crm_outbox_person(t."assigneeId"), 'kind', t.kind, 'title', t.title,
    'dueAt', crm_iso(t."dueAt"), 'doneAt', crm_iso(t."doneAt"), 'callId', t."callId", 'createdAt', crm_iso(t."createdAt"))
$fn$;

-- lead.created (and lead.assigned when it arrives with an owner); lead.updated with the names of
-- the fields that changed; lead.status_changed; lead.assigned when the owner changes to someone.
CREATE OR REPLACE FUNCTION crm_outbox_lead_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  v_new jsonb;
  v_old jsonb;
  v_changed text[];
BEGIN
  IF NOT crm_outbox_wanted(ARRAY['lead.created', 'lead.updated', 'lead.status_changed', 'lead.assigned']) THEN
    RETURN NULL;
  END IF;
  v_new := crm_outbox_lead(NEW);
  IF TG_OP = 'INSERT' THEN
    PERFORM crm_outbox_emit('lead.created', jsonb_build_object('lead', v_new));
    IF NEW."ownerId" IS NOT NULL THEN
      PERFORM crm_outbox_emit('lead.assigned', jsonb_build_object('lead', v_new, 'previousOwner', NULL));
    END IF;
    RETURN NULL;
  END IF;
  v_old := crm_outbox_lead(OLD);
  SELECT array_agg(n.key ORDER BY n.key) INTO v_changed
    FROM jsonb_each(v_new) n WHERE n.key <> 'updatedAt' AND n.value IS DISTINCT FROM v_old -> n.key;
  IF v_changed IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM crm_outbox_emit('lead.updated', jsonb_build_object('lead', v_new, 'changed', to_jsonb(v_changed)));
  IF OLD.status IS DISTINCT FROM NEW.status THEN
    PERFORM crm_outbox_emit('lead.status_changed', jsonb_build_object('lead', v_new, 'previousStatus', OLD.status));
  END IF;
  IF OLD."ownerId" IS DISTINCT FROM NEW."ownerId" AND NEW."ownerId" IS NOT NULL THEN
    PERFORM crm_outbox_emit('lead.assigned', jsonb_build_object('lead', v_new, 'previousOwner', crm_outbox_person(OLD."ownerId")));
  END IF;
  RETURN NULL;
END
$fn$;

-- call.completed once, when a call first reaches an end (completed, missed or failed);
-- call.outcome_recorded when the agent's outcome is set or changed.
CREATE OR REPLACE FUNCTION crm_outbox_call_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NOT crm_outbox_wanted(ARRAY['call.completed', 'call.outcome_recorded']) THEN
    RETURN NULL;
  END IF;
  IF NEW.status IN ('COMPLETED', 'MISSED', 'FAILED') AND (TG_OP = 'INSERT' OR OLD.status NOT IN ('COMPLETED', 'MISSED', 'FAILED')) THEN
    PERFORM crm_outbox_emit('call.completed', jsonb_build_object('call', crm_outbox_call(NEW)));
  END IF;
  IF NEW.disposition IS NOT NULL AND (TG_OP = 'INSERT' OR (OLD.disposition, OLD."dispositionId", OLD.notes)
      IS DISTINCT FROM (NEW.disposition, NEW."dispositionId", NEW.notes)) THEN
    PERFORM crm_outbox_emit('call.outcome_recorded', jsonb_build_object('call', crm_outbox_call(NEW),
      'previousOutcome', CASE WHEN TG_OP = 'UPDATE' THEN OLD.disposition END));
  END IF;
  RETURN NULL;
END
$fn$;

-- task.created; task.completed when a task is marked done.
CREATE OR REPLACE FUNCTION crm_outbox_task_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NOT crm_outbox_wanted(ARRAY['task.created', 'task.completed']) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM crm_outbox_emit('task.created', jsonb_build_object('task', crm_outbox_task(NEW)));
  ELSIF OLD."doneAt" IS NULL AND NEW."doneAt" IS NOT NULL THEN
    PERFORM crm_outbox_emit('task.completed', jsonb_build_object('task', crm_outbox_task(NEW)));
  END IF;
  RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS lead_outbox ON lead;
CREATE TRIGGER lead_outbox AFTER INSERT OR UPDATE ON lead FOR EACH ROW EXECUTE FUNCTION crm_outbox_lead_changed();
DROP TRIGGER IF EXISTS call_outbox ON call;
CREATE TRIGGER call_outbox AFTER INSERT OR UPDATE ON call FOR EACH ROW EXECUTE FUNCTION crm_outbox_call_changed();
DROP TRIGGER IF EXISTS task_outbox ON task;
CREATE TRIGGER task_outbox AFTER INSERT OR UPDATE ON task FOR EACH ROW EXECUTE FUNCTION crm_outbox_task_changed();
-- FUNCTION_END crm_webhook_outbox
