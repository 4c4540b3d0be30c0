-- The audit log is append-only: rows can be added, never changed or removed (this trigger refuses
-- UPDATE, DELETE and TRUNCATE). A data-protection erasure may blank personal data in it, and only
-- with the session flag crm.audit_redaction set for its transaction.
CREATE OR REPLACE FUNCTION crm_audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('crm.audit_redaction', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;

DROP TRIGGER IF EXISTS audit_event_append_only ON "audit_event";
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION crm_audit_event_append_only();
DROP TRIGGER IF EXISTS audit_event_no_truncate ON "audit_event";
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION crm_audit_event_append_only();
