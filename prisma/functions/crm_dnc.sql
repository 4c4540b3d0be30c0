-- lead."doNotCall": the lead's primary number is on the do-not-call list, found by the number's
-- sha256 (an erased person's opt-out keeps only the hash). Kept when a number is listed or lifted
-- and when a lead's primary number changes, so lists and the dialer filter on one column.
CREATE OR REPLACE FUNCTION crm_phone_hash(p_phone text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT encode(sha256(convert_to(p_phone, 'UTF8')), 'hex')
$fn$;

CREATE OR REPLACE FUNCTION crm_lead_dnc() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW."doNotCall" := EXISTS (SELECT 1 FROM dnc_entry d WHERE d."phoneHash" = crm_phone_hash(NEW.phone));
  RETURN NEW;
END
$fn$;

CREATE OR REPLACE FUNCTION crm_dnc_entry_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.phone IS NOT NULL THEN
    UPDATE lead SET "doNotCall" = true WHERE phone = NEW.phone AND NOT "doNotCall";
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.phone IS NOT NULL THEN
    UPDATE lead SET "doNotCall" = EXISTS (SELECT 1 FROM dnc_entry d WHERE d."phoneHash" = crm_phone_hash(lead.phone))
    WHERE phone = OLD.phone;
  END IF;
  RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS lead_dnc ON lead;
CREATE TRIGGER lead_dnc BEFORE INSERT OR UPDATE OF phone ON lead FOR EACH ROW EXECUTE FUNCTION crm_lead_dnc();
DROP TRIGGER IF EXISTS dnc_entry_changed ON dnc_entry;
CREATE TRIGGER dnc_entry_changed AFTER INSERT OR UPDATE OR DELETE ON dnc_entry FOR EACH ROW EXECUTE FUNCTION crm_dnc_entry_changed();
