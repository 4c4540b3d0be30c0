-- The live stream's source: every change an open page should hear about writes one live_event row
-- (kind, id, the users it concerns) and NOTIFY crm_live with the row's id, in the same transaction,
-- whichever code path made the change (webhook function, services, reconciliation, imports). The
-- app servers LISTEN, read the row and the record, and apply each viewer's scope themselves.
CREATE OR REPLACE FUNCTION crm_live_emit(p_kind text, p_entity text, p_users text[]) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  users text[] := ARRAY(SELECT DISTINCT u FROM unnest(p_users) u WHERE u IS NOT NULL);
  entry text := p_kind || ':' || p_entity;
  -- The last few rows this transaction wrote, as "kind:entity=id" (transaction-local: gone at commit,
  -- undone with a rolled-back subtransaction, as the rows are).
  recent text[] := string_to_array(nullif(current_setting('crm.live_recent', true), ''), ' ');
  prior bigint;
  new_id bigint;
BEGIN
  -- One row per changed record and transaction: a webhook that updates a lead twice (its last contact,
  -- then its status) writes one lead event, which the streams read after commit, with the record as it is.
  SELECT split_part(x, '=', 2)::bigint INTO prior FROM unnest(recent) x WHERE split_part(x, '=', 1) = entry LIMIT 1;
  IF prior IS NOT NULL THEN
    UPDATE live_event SET "userIds" = ARRAY(SELECT DISTINCT u FROM unnest("userIds" || users) u)
    WHERE id = prior AND NOT ("userIds" @> users);
    RETURN;
  END IF;
  INSERT INTO live_event (kind, "entityId", "userIds", at) VALUES (p_kind, p_entity, users, now() AT TIME ZONE 'UTC')
  RETURNING id INTO new_id;
  PERFORM set_config('crm.live_recent', array_to_string((ARRAY[entry || '=' || new_id] || recent)[1:8], ' '), true);
  PERFORM pg_notify('crm_live', new_id::text);
END
$fn$;

-- Calls: created, or a change a page shows (status, times, talk time, recording, outcome, who).
CREATE OR REPLACE FUNCTION crm_live_call() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.status, OLD."agentId", OLD."leadId", OLD."providerCallId", OLD."answeredAt", OLD."endedAt",
      OLD."talkSeconds", OLD."recordingUrl", OLD."dispositionId", OLD.disposition, OLD.error)
    IS NOT DISTINCT FROM (NEW.status, NEW."agentId", NEW."leadId", NEW."providerCallId", NEW."answeredAt", NEW."endedAt",
      NEW."talkSeconds", NEW."recordingUrl", NEW."dispositionId", NEW.disposition, NEW.error) THEN
    RETURN NULL;
  END IF;
  PERFORM crm_live_emit('call', NEW.id, ARRAY[NEW."agentId", CASE WHEN TG_OP = 'UPDATE' THEN OLD."agentId" END]);
  RETURN NULL;
END
$fn$;

-- Timeline entries: new ones (a call's entry is created once; its changes travel as call events).
CREATE OR REPLACE FUNCTION crm_live_activity() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM crm_live_emit('activity', NEW.id, ARRAY[(SELECT l."ownerId" FROM lead l WHERE l.id = NEW."leadId"), NEW."actorId"]);
  RETURN NULL;
END
$fn$;

-- Leads: created, or status, owner, last contact, name or number changed. The old owner hears too.
CREATE OR REPLACE FUNCTION crm_live_lead() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.status, OLD."ownerId", OLD."lastContactedAt", OLD.name, OLD.phone, OLD.email)
    IS NOT DISTINCT FROM (NEW.status, NEW."ownerId", NEW."lastContactedAt", NEW.name, NEW.phone, NEW.email) THEN
    RETURN NULL;
  END IF;
  PERFORM crm_live_emit('lead', NEW.id, ARRAY[NEW."ownerId", CASE WHEN TG_OP = 'UPDATE' THEN OLD."ownerId" END]);
  RETURN NULL;
END
$fn$;

-- Tasks: created, done or reopened, moved, or handed to someone else.
CREATE OR REPLACE FUNCTION crm_live_task() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD."doneAt", OLD."dueAt", OLD.title, OLD."assigneeId")
    IS NOT DISTINCT FROM (NEW."doneAt", NEW."dueAt", NEW.title, NEW."assigneeId") THEN
    RETURN NULL;
  END IF;
  PERFORM crm_live_emit('task', NEW.id, ARRAY[NEW."assigneeId", CASE WHEN TG_OP = 'UPDATE' THEN OLD."assigneeId" END]);
  RETURN NULL;
END
$fn$;

-- Sessions ended (sign-out, revoked, expired and cleaned up): that tab's stream closes.
CREATE OR REPLACE FUNCTION crm_live_session() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM crm_live_emit('session', OLD.id, ARRAY[OLD."userId"]);
  RETURN NULL;
END
$fn$;

-- Users deactivated, or their role or manager changed: their streams re-read who they are, and
-- the old and new manager's streams their team.
CREATE OR REPLACE FUNCTION crm_live_user() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF (OLD.active, OLD.role, OLD."managerId") IS NOT DISTINCT FROM (NEW.active, NEW.role, NEW."managerId") THEN
    RETURN NULL;
  END IF;
  PERFORM crm_live_emit('user', NEW.id, ARRAY[NEW.id, OLD."managerId", NEW."managerId"]);
  RETURN NULL;
END
$fn$;

-- Webhook deliveries stored or re-processed: admins' delivery logs refresh. No row (nothing to
-- replay: a reconnecting log reloads), just the notification, once per statement.
CREATE OR REPLACE FUNCTION crm_live_delivery() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('crm_live', 'delivery');
  RETURN NULL;
END
$fn$;

-- Breaks: started or ended (the board, the agent's own nav and dialer).
CREATE OR REPLACE FUNCTION crm_live_break() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM crm_live_emit('break', NEW."userId", ARRAY[NEW."userId"]);
  RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS call_live ON call;
CREATE TRIGGER call_live AFTER INSERT OR UPDATE ON call FOR EACH ROW EXECUTE FUNCTION crm_live_call();
DROP TRIGGER IF EXISTS activity_live ON activity;
CREATE TRIGGER activity_live AFTER INSERT ON activity FOR EACH ROW EXECUTE FUNCTION crm_live_activity();
DROP TRIGGER IF EXISTS lead_live ON lead;
CREATE TRIGGER lead_live AFTER INSERT OR UPDATE ON lead FOR EACH ROW EXECUTE FUNCTION crm_live_lead();
DROP TRIGGER IF EXISTS task_live ON task;
CREATE TRIGGER task_live AFTER INSERT OR UPDATE ON task FOR EACH ROW EXECUTE FUNCTION crm_live_task();
DROP TRIGGER IF EXISTS session_live ON session;
CREATE TRIGGER session_live AFTER DELETE ON session FOR EACH ROW EXECUTE FUNCTION crm_live_session();
DROP TRIGGER IF EXISTS user_live ON "user";
CREATE TRIGGER user_live AFTER UPDATE ON "user" FOR EACH ROW EXECUTE FUNCTION crm_live_user();
DROP TRIGGER IF EXISTS webhook_event_live ON webhook_event;
CREATE TRIGGER webhook_event_live AFTER INSERT OR UPDATE ON webhook_event FOR EACH STATEMENT EXECUTE FUNCTION crm_live_delivery();
DROP TRIGGER IF EXISTS agent_break_live ON agent_break;
CREATE TRIGGER agent_break_live AFTER INSERT OR UPDATE ON agent_break FOR EACH ROW EXECUTE FUNCTION crm_live_break();
