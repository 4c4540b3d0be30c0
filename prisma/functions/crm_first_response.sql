-- Speed to lead: a lead's first response (the first call attempt to it, or an inbound call of theirs
-- that was answered) and its first connect (the first answered call), kept whatever path wrote the
-- call (click-to-call, the dialer, a webhook, reconciliation). Each is set once; later calls never
-- move it.
CREATE OR REPLACE FUNCTION crm_first_response() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  at timestamp(3) := coalesce(NEW."startedAt", NEW."createdAt");
BEGIN
  IF NEW."leadId" IS NULL THEN
    RETURN NEW;
  END IF;
  IF NEW.direction = 'OUTBOUND' OR NEW."answeredAt" IS NOT NULL THEN
    UPDATE lead SET "firstCallAt" = least(at, coalesce(NEW."answeredAt", at))
    WHERE id = NEW."leadId" AND "firstCallAt" IS NULL;
  END IF;
  IF NEW."answeredAt" IS NOT NULL THEN
    UPDATE lead SET "firstConnectAt" = NEW."answeredAt"
    WHERE id = NEW."leadId" AND "firstConnectAt" IS NULL;
  END IF;
  RETURN NEW;
END
$fn$;

DROP TRIGGER IF EXISTS call_first_response_insert ON "call";
CREATE TRIGGER call_first_response_insert AFTER INSERT ON "call"
  FOR EACH ROW WHEN (NEW."leadId" IS NOT NULL) EXECUTE FUNCTION crm_first_response();

DROP TRIGGER IF EXISTS call_first_response_update ON "call";
CREATE TRIGGER call_first_response_update AFTER UPDATE OF "answeredAt", "leadId" ON "call"
  FOR EACH ROW WHEN (NEW."leadId" IS NOT NULL
    AND (NEW."answeredAt" IS DISTINCT FROM OLD."answeredAt" OR NEW."leadId" IS DISTINCT FROM OLD."leadId"))
  EXECUTE FUNCTION crm_first_response();
