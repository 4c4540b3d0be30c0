-- Progress order of call statuses: a later stage wins, an earlier one never reverts it.
CREATE OR REPLACE FUNCTION crm_stage_rank(s text) RETURNS int LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE s WHEN 'INITIATED' THEN 0 WHEN 'RINGING' THEN 1 WHEN 'ANSWERED' THEN 2 ELSE 3 END
$fn$;
