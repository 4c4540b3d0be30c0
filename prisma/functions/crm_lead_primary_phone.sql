-- A lead's primary number lives in two places: lead.phone (what every list, search and older
-- client reads) and its lead_phone row flagged primary. This trigger keeps them one: whatever
-- writes lead.phone (the lead service, imports, an inbound caller's new lead, seeds, raw SQL), the
-- lead's lead_phone rows follow. Other numbers are written by the lead service (setLeadPhones).
CREATE UNIQUE INDEX IF NOT EXISTS lead_phone_one_primary ON lead_phone ("leadId") WHERE "primary";

CREATE OR REPLACE FUNCTION crm_lead_primary_phone() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.phone = NEW.phone THEN
    RETURN NULL;
  END IF;
  -- The old primary goes (the lead service keeps it, when asked, by flagging it secondary first).
  DELETE FROM lead_phone WHERE "leadId" = NEW.id AND "primary" AND number <> NEW.phone;
  UPDATE lead_phone SET "primary" = true WHERE "leadId" = NEW.id AND number = NEW.phone;
  IF NOT FOUND THEN
    -- A number of another lead raises the unique violation the services answer with 409.
    INSERT INTO lead_phone (id, "leadId", number, last10, label, "primary", "createdAt")
    VALUES ('lp' || md5(NEW.id || NEW.phone || clock_timestamp()::text), NEW.id, NEW.phone, NEW."phoneLast10", 'MOBILE', true,
            now() AT TIME ZONE 'UTC');
  END IF;
  RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS lead_primary_phone ON lead;
CREATE TRIGGER lead_primary_phone AFTER INSERT OR UPDATE OF phone ON lead
  FOR EACH ROW EXECUTE FUNCTION crm_lead_primary_phone();
