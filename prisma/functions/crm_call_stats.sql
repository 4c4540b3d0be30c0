-- The dashboard's rollups (agent_day_stat, agent_lead_day), kept from every change to a call,
-- whichever path made it (webhook function, reconciliation, transfer, outcome, lead or user removal).
-- A call counts on the Indian day it was created:
--   * its first agent (transferredFromId, else agentId) gets the call: made (outbound), answered,
--     answered outbound, missed inbound, and the talk time up to the transfer (all of it without one);
--   * after a transfer, the current agent gets the rest of the talk time;
--   * every agent who talked on an answered call "contacted" its lead that day (agent_lead_day).
-- Distinct leads over any range of up to 366 days come from leadsFirst (see prisma/models/calls.prisma):
-- each contact day stores how long it was since the same agent's previous contact with that lead.
--
-- Off the call's transaction: the trigger only records what a change did to the counted columns
-- (call_stat_change, one insert, no lock), and crm_fold_call_stats() folds the recorded changes in
-- batches, one folder at a time: the stats.fold job every few seconds, and every reader of the rollups
-- just before it reads (so a dashboard is exact). A webhook's transaction no longer waits on the
-- agent's rollup lock or rewrites a day's 366-entry array; a batch rewrites each agent-day once.

-- The parts a call contributes: one row for its first agent, one more for the agent it moved to.
CREATE OR REPLACE FUNCTION crm_call_parts(
  p_agent text, p_from text, p_lead text, p_direction text, p_status text, p_answered_at timestamp,
  p_talk int, p_transferred_at timestamp, p_created timestamp)
RETURNS TABLE (agent text, lead text, day date, calls int, calls_made int, answered_out int, answered int, talk bigint,
               missed_in int, contact boolean)
LANGUAGE sql STABLE AS $fn$
  WITH b AS (
    SELECT (p_status = 'COMPLETED' AND (p_answered_at IS NOT NULL OR coalesce(p_talk, 0) > 0)) AS ans,
           ((p_created AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Kolkata')::date AS d,
           coalesce(p_from, p_agent) AS first_agent,
           (p_from IS NOT NULL AND p_agent IS NOT NULL AND p_from <> p_agent) AS split
  ), t AS (
    SELECT b.*,
           CASE WHEN b.ans THEN coalesce(p_talk, 0) ELSE 0 END AS total,
           CASE WHEN NOT b.ans THEN 0
                WHEN b.split THEN least(coalesce(p_talk, 0), greatest(0,
                  floor(extract(epoch FROM p_transferred_at - coalesce(p_answered_at, p_transferred_at)))::int))
                ELSE coalesce(p_talk, 0) END AS first_talk
    FROM b
  )
  SELECT first_agent, p_lead, d, 1, (p_direction = 'OUTBOUND')::int, (p_direction = 'OUTBOUND' AND ans)::int, ans::int,
         first_talk::bigint, (p_direction = 'INBOUND' AND p_status = 'MISSED')::int, (ans AND p_lead IS NOT NULL)
  FROM t WHERE first_agent IS NOT NULL
  UNION ALL
  SELECT p_agent, p_lead, d, 1, 0, 0, 0, (total - first_talk)::bigint, 0, (ans AND p_lead IS NOT NULL)
  FROM t WHERE split
$fn$;

-- Adds delta to leadsFirst[lo..hi] of one agent-day.
CREATE OR REPLACE FUNCTION crm_stat_bump(p_agent text, p_day date, lo int, hi int, delta int) RETURNS void
LANGUAGE sql AS $fn$
  UPDATE agent_day_stat s SET "leadsFirst" = (
    SELECT array_agg(v + CASE WHEN i BETWEEN lo AND hi THEN delta ELSE 0 END ORDER BY i)
    FROM unnest(s."leadsFirst") WITH ORDINALITY u(v, i))
  WHERE s."agentId" = p_agent AND s.day = p_day
$fn$;

-- One answered call more (sign 1) or fewer (-1) between an agent and a lead on a day. When the day
-- gains or loses its first such call, that day's gap and the next contact day's gap change.
CREATE OR REPLACE FUNCTION crm_contact_change(p_agent text, p_lead text, p_day date, sign int) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  cnt int;
  prev date;
  nxt date;
  gap int;
  old_gap int;
  new_gap int;
BEGIN
  IF sign > 0 THEN
    INSERT INTO agent_lead_day ("agentId", "leadId", day, answered) VALUES (p_agent, p_lead, p_day, 1)
    ON CONFLICT ("agentId", "leadId", day) DO UPDATE SET answered = agent_lead_day.answered + 1
    RETURNING answered INTO cnt;
    IF cnt > 1 THEN RETURN; END IF;
  ELSE
    UPDATE agent_lead_day SET answered = answered - 1
    WHERE "agentId" = p_agent AND "leadId" = p_lead AND day = p_day RETURNING answered INTO cnt;
    IF cnt IS NULL OR cnt > 0 THEN RETURN; END IF;
    DELETE FROM agent_lead_day WHERE "agentId" = p_agent AND "leadId" = p_lead AND day = p_day;
  END IF;
  SELECT max(day) INTO prev FROM agent_lead_day WHERE "agentId" = p_agent AND "leadId" = p_lead AND day < p_day;
  SELECT min(day) INTO nxt FROM agent_lead_day WHERE "agentId" = p_agent AND "leadId" = p_lead AND day > p_day;
  gap := CASE WHEN prev IS NULL THEN 366 ELSE least(366, p_day - prev) END;
  PERFORM crm_stat_bump(p_agent, p_day, 1, gap, sign);
  IF nxt IS NOT NULL THEN
    -- With p_day a contact day, the next one's gap shrinks from (nxt - prev) to (nxt - p_day).
    old_gap := CASE WHEN prev IS NULL THEN 366 ELSE least(366, nxt - prev) END;
    new_gap := least(366, nxt - p_day);
    IF old_gap > new_gap THEN PERFORM crm_stat_bump(p_agent, nxt, new_gap + 1, old_gap, -sign); END IF;
  END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION crm_call_stats() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  was boolean;
  now_answered boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD."agentId", OLD."transferredFromId", OLD."leadId", OLD.direction, OLD.status, OLD."answeredAt",
      OLD."talkSeconds", OLD."transferredAt", OLD."createdAt")
    IS NOT DISTINCT FROM (NEW."agentId", NEW."transferredFromId", NEW."leadId", NEW.direction, NEW.status, NEW."answeredAt",
      NEW."talkSeconds", NEW."transferredAt", NEW."createdAt") THEN
    RETURN NULL;
  END IF;
  -- Progress events (ringing, answered, a recording arriving) change nothing here: skip the work.
  IF TG_OP = 'UPDATE' AND (OLD."agentId", OLD."transferredFromId", OLD."leadId", OLD.direction, OLD."createdAt", OLD."transferredAt")
      IS NOT DISTINCT FROM (NEW."agentId", NEW."transferredFromId", NEW."leadId", NEW.direction, NEW."createdAt", NEW."transferredAt") THEN
    was := OLD.status = 'COMPLETED' AND (OLD."answeredAt" IS NOT NULL OR coalesce(OLD."talkSeconds", 0) > 0);
    now_answered := NEW.status = 'COMPLETED' AND (NEW."answeredAt" IS NOT NULL OR coalesce(NEW."talkSeconds", 0) > 0);
    IF was = now_answered AND (OLD.status = 'MISSED') = (NEW.status = 'MISSED')
        AND (NOT was OR (OLD."talkSeconds" IS NOT DISTINCT FROM NEW."talkSeconds"
                         AND (NEW."transferredFromId" IS NULL OR OLD."answeredAt" IS NOT DISTINCT FROM NEW."answeredAt"))) THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO call_stat_change ("nAgentId", "nFromId", "nLeadId", "nDirection", "nStatus", "nAnsweredAt", "nTalkSeconds",
      "nTransferredAt", "nCreatedAt")
    VALUES (NEW."agentId", NEW."transferredFromId", NEW."leadId", NEW.direction, NEW.status, NEW."answeredAt", NEW."talkSeconds",
      NEW."transferredAt", NEW."createdAt");
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO call_stat_change ("oAgentId", "oFromId", "oLeadId", "oDirection", "oStatus", "oAnsweredAt", "oTalkSeconds",
      "oTransferredAt", "oCreatedAt")
    VALUES (OLD."agentId", OLD."transferredFromId", OLD."leadId", OLD.direction, OLD.status, OLD."answeredAt", OLD."talkSeconds",
      OLD."transferredAt", OLD."createdAt");
  ELSE
    INSERT INTO call_stat_change ("oAgentId", "oFromId", "oLeadId", "oDirection", "oStatus", "oAnsweredAt", "oTalkSeconds",
      "oTransferredAt", "oCreatedAt", "nAgentId", "nFromId", "nLeadId", "nDirection", "nStatus", "nAnsweredAt", "nTalkSeconds",
      "nTransferredAt", "nCreatedAt")
    VALUES (OLD."agentId", OLD."transferredFromId", OLD."leadId", OLD.direction, OLD.status, OLD."answeredAt", OLD."talkSeconds",
      OLD."transferredAt", OLD."createdAt", NEW."agentId", NEW."transferredFromId", NEW."leadId", NEW.direction, NEW.status,
      NEW."answeredAt", NEW."talkSeconds", NEW."transferredAt", NEW."createdAt");
  END IF;
  RETURN NULL;
END
$fn$;

-- Folds up to p_limit recorded changes (oldest first) into the rollups; returns how many call parts that
-- made (0: nothing was waiting). One folder
-- at a time (the contact gaps read neighbouring days); a change not yet committed waits for the next fold.
CREATE OR REPLACE FUNCTION crm_fold_call_stats(p_limit int DEFAULT 50000) RETURNS int LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
  taken int;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM call_stat_change) THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('crm_fold_call_stats'));
  CREATE TEMP TABLE crm_fold_parts ON COMMIT DROP AS
  WITH taken AS (
    DELETE FROM call_stat_change WHERE id IN (SELECT id FROM call_stat_change ORDER BY id LIMIT p_limit) RETURNING *
  )
  SELECT -1 AS sign, p.* FROM taken t CROSS JOIN LATERAL crm_call_parts(t."oAgentId", t."oFromId", t."oLeadId", t."oDirection",
    t."oStatus", t."oAnsweredAt", t."oTalkSeconds", t."oTransferredAt", t."oCreatedAt") p WHERE t."oCreatedAt" IS NOT NULL
  UNION ALL
  SELECT 1, p.* FROM taken t CROSS JOIN LATERAL crm_call_parts(t."nAgentId", t."nFromId", t."nLeadId", t."nDirection",
    t."nStatus", t."nAnsweredAt", t."nTalkSeconds", t."nTransferredAt", t."nCreatedAt") p WHERE t."nCreatedAt" IS NOT NULL;
  GET DIAGNOSTICS taken = ROW_COUNT;
  -- Old and new parts, signed; what did not change cancels out. Each agent-day is written once.
  INSERT INTO agent_day_stat
    ("agentId", day, calls, "callsMade", "answeredOut", answered, "talkSeconds", "missedInbound", "leadsFirst")
  SELECT agent, day, sum(sign * calls)::int, sum(sign * calls_made)::int, sum(sign * answered_out)::int, sum(sign * answered)::int,
         sum(sign * talk)::bigint, sum(sign * missed_in)::int, array_fill(0, ARRAY[366])
  FROM crm_fold_parts GROUP BY agent, day
  HAVING sum(sign * calls) <> 0 OR sum(sign * calls_made) <> 0 OR sum(sign * answered_out) <> 0 OR sum(sign * answered) <> 0
      OR sum(sign * talk) <> 0 OR sum(sign * missed_in) <> 0 OR bool_or(contact)
  ORDER BY agent, day
  ON CONFLICT ("agentId", day) DO UPDATE SET
    calls = agent_day_stat.calls + EXCLUDED.calls,
    "callsMade" = agent_day_stat."callsMade" + EXCLUDED."callsMade",
    "answeredOut" = agent_day_stat."answeredOut" + EXCLUDED."answeredOut",
    answered = agent_day_stat.answered + EXCLUDED.answered,
    "talkSeconds" = agent_day_stat."talkSeconds" + EXCLUDED."talkSeconds",
    "missedInbound" = agent_day_stat."missedInbound" + EXCLUDED."missedInbound";
  -- Contacts: losses first, then gains (a count never goes below zero on the way).
  FOR r IN
    SELECT agent, lead, day, sum(sign)::int AS delta FROM crm_fold_parts WHERE contact
    GROUP BY agent, lead, day HAVING sum(sign) <> 0
    ORDER BY sum(sign), agent, lead, day
  LOOP
    FOR i IN 1..abs(r.delta) LOOP
      PERFORM crm_contact_change(r.agent, r.lead, r.day, sign(r.delta)::int);
    END LOOP;
  END LOOP;
  DROP TABLE crm_fold_parts;
  RETURN taken;
END
$fn$;

-- Rebuilds both rollups from the calls (when this file changes, and after bulk loads that ran
-- with the trigger disabled, e.g. the scale bench).
CREATE OR REPLACE FUNCTION crm_rebuild_call_stats() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('crm_fold_call_stats'));
  -- No call change can be recorded meanwhile (the lock waits for those in flight to commit): the
  -- calls read below include every recorded change, which are therefore dropped, not folded.
  LOCK TABLE agent_day_stat, agent_lead_day, call_stat_change IN EXCLUSIVE MODE;
  DELETE FROM call_stat_change;
  DELETE FROM agent_lead_day;
  DELETE FROM agent_day_stat;
  CREATE TEMP TABLE crm_parts ON COMMIT DROP AS
    SELECT p.* FROM "call" c CROSS JOIN LATERAL crm_call_parts(c."agentId", c."transferredFromId", c."leadId",
      c.direction::text, c.status::text, c."answeredAt", c."talkSeconds", c."transferredAt", c."createdAt") p;
  INSERT INTO agent_lead_day ("agentId", "leadId", day, answered)
    SELECT agent, lead, day, count(*) FROM crm_parts WHERE contact GROUP BY agent, lead, day;
  INSERT INTO agent_day_stat ("agentId", day, calls, "callsMade", "answeredOut", answered, "talkSeconds", "missedInbound", "leadsFirst")
  WITH gaps AS (
    SELECT "agentId" AS agent, day,
           coalesce(least(366, day - lag(day) OVER (PARTITION BY "agentId", "leadId" ORDER BY day)), 366) AS gap
    FROM agent_lead_day
  ), hist AS (
    SELECT agent, day, gap, count(*)::int AS n FROM gaps GROUP BY agent, day, gap
  ), grid AS (
    SELECT d.agent, d.day, i FROM (SELECT DISTINCT agent, day FROM hist) d CROSS JOIN generate_series(1, 366) i
  ), cum AS (
    -- leadsFirst[i] = contacts that day with gap >= i, for i = 1…366.
    SELECT g.agent, g.day, g.i, sum(coalesce(h.n, 0)) OVER (PARTITION BY g.agent, g.day ORDER BY g.i DESC) AS c
    FROM grid g LEFT JOIN hist h ON h.agent = g.agent AND h.day = g.day AND h.gap = g.i
  ), firsts AS (
    SELECT agent, day, array_agg(c::int ORDER BY i) AS arr FROM cum GROUP BY agent, day
  ), measures AS (
    SELECT agent, day, sum(calls)::int AS calls, sum(calls_made)::int AS calls_made, sum(answered_out)::int AS answered_out,
           sum(answered)::int AS answered,
           sum(talk)::bigint AS talk, sum(missed_in)::int AS missed_in
    FROM crm_parts GROUP BY agent, day
  )
  SELECT m.agent, m.day, m.calls, m.calls_made, m.answered_out, m.answered, m.talk, m.missed_in, coalesce(f.arr, array_fill(0, ARRAY[366]))
  FROM measures m LEFT JOIN firsts f ON f.agent = m.agent AND f.day = m.day;
  DROP TABLE crm_parts;
END
$fn$;

DROP TRIGGER IF EXISTS call_stats ON "call";
CREATE TRIGGER call_stats AFTER INSERT OR UPDATE OR DELETE ON "call" FOR EACH ROW EXECUTE FUNCTION crm_call_stats();

SELECT crm_rebuild_call_stats();
