-- The CRM user behind a Smartflo agent number or extension (exact, digits only, or the last ten digits).
CREATE OR REPLACE FUNCTION crm_agent_by_number(p_number text) RETURNS text LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  raw text := btrim(p_number);
  digits text := regexp_replace(coalesce(p_number, ''), '\D', '', 'g');
  found_id text;
BEGIN
  IF raw IS NULL OR raw = '' THEN
    RETURN NULL;
  END IF;
  SELECT u.id INTO found_id FROM "user" u
  WHERE u."smartfloAgentNumber" = raw
     OR (digits <> '' AND digits <> raw AND u."smartfloAgentNumber" = digits)
     OR (length(digits) >= 10 AND u."smartfloAgentNumber" LIKE '%' || right(digits, 10))
  ORDER BY u.active DESC
  LIMIT 1;
  RETURN found_id;
END
$fn$;
