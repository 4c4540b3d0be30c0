-- Every database function and trigger, carried by a migration: `prisma migrate deploy` alone now
-- builds the whole database. Until now prisma/functions/*.sql were applied by our own step after
-- the migrations (tracked in _crm_functions), which a standard deploy never ran. From here on
-- `npm run db:migrate:new` copies each changed function file into the new migration.
DROP TABLE IF EXISTS "_crm_functions";

-- FUNCTION_BEGIN crm_agent_by_number (prisma/functions/crm_agent_by_number.sql)
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
-- FUNCTION_END crm_agent_by_number

-- FUNCTION_BEGIN crm_apply_call_event (prisma/functions/crm_apply_call_event.sql)
-- Applies one normalised event (lib/smartflo/webhook-payload.ts NormalizedEvent as JSON) to a
-- call: locks it, merges the fields (the later stage wins, idempotently), keeps its timeline
-- entry, the lead's lastContactedAt, the NEW to CONTACTED rule (answered, over p_contacted_min_talk
-- seconds) and the automatic call-back tasks. Returns {callId, leadId, statusChanged}.
CREATE OR REPLACE FUNCTION crm_apply_call_event(p_call_id text, p_lead_id text, ev jsonb, p_contacted_min_talk int)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  cur "call"%ROWTYPE;
  upd "call"%ROWTYPE;
  now_utc timestamp(3) := (clock_timestamp() AT TIME ZONE 'UTC');
  ev_status text := ev->>'status';
  newer boolean;
  is_final boolean := coalesce((ev->>'isFinal')::boolean, false);
  ev_answered timestamp(3) := (ev->>'answeredAt')::timestamptz AT TIME ZONE 'UTC';
  ev_ended timestamp(3) := (ev->>'endedAt')::timestamptz AT TIME ZONE 'UTC';
  ev_started timestamp(3) := (ev->>'startedAt')::timestamptz AT TIME ZONE 'UTC';
  ev_talk int := (ev->>'talkSeconds')::int;
  ev_ring int := (ev->>'ringSeconds')::int;
  ev_duration int := (ev->>'durationSeconds')::int;
  new_agent text;
  named_agent text;
  contacted_at timestamp(3);
  status_changed boolean := false;
  lead_row record;
  erased boolean;
BEGIN
  SELECT * INTO cur FROM "call" WHERE id = p_call_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'call % does not exist', p_call_id USING ERRCODE = 'no_data_found';
  END IF;
  newer := crm_stage_rank(ev_status) >= crm_stage_rank(cur.status::text);
  erased := EXISTS (SELECT 1 FROM lead l WHERE l.id = coalesce(cur."leadId", p_lead_id) AND l."erasedAt" IS NOT NULL);
  -- An inbound call belongs to the agent Smartflo last named (rung, answered, transferred to).
  IF cur.direction = 'INBOUND' AND newer THEN
    named_agent := crm_agent_by_number(ev->>'agentNumber');
  END IF;
  IF cur."agentId" IS NULL THEN
    new_agent := coalesce(crm_agent_by_number(ev->>'agentNumber'), (SELECT l."ownerId" FROM lead l WHERE l.id = p_lead_id));
  END IF;

  -- keep(x): the event's value when it has one and it is newer (or the call has none yet).
  UPDATE "call" c SET
    "providerCallId" = coalesce(cur."providerCallId", ev->>'callId'),
    "providerUuid" = coalesce(cur."providerUuid", ev->>'uuid'),
    "refId" = coalesce(cur."refId", ev->>'refId'),
    -- A person whose data was erased stays erased when a late delivery for their call arrives.
    "customerNumber" = CASE WHEN erased THEN NULL ELSE coalesce(cur."customerNumber", ev->>'customerNumber') END,
    "agentNumber" = coalesce(cur."agentNumber", ev->>'agentNumber'),
    "startedAt" = coalesce(cur."startedAt", ev_started),
    "answeredAt" = CASE WHEN ev_answered IS NOT NULL AND (newer OR cur."answeredAt" IS NULL) THEN ev_answered ELSE cur."answeredAt" END,
    "endedAt" = CASE
      WHEN ev_ended IS NOT NULL AND (newer OR cur."endedAt" IS NULL) THEN ev_ended
      WHEN newer AND is_final AND ev_ended IS NULL AND cur."endedAt" IS NULL THEN now_utc
      ELSE cur."endedAt" END,
    "talkSeconds" = CASE WHEN ev_talk IS NOT NULL AND (newer OR cur."talkSeconds" IS NULL) THEN ev_talk ELSE cur."talkSeconds" END,
    "ringSeconds" = CASE WHEN ev_ring IS NOT NULL AND (newer OR cur."ringSeconds" IS NULL) THEN ev_ring ELSE cur."ringSeconds" END,
    "durationSeconds" = CASE WHEN ev_duration IS NOT NULL AND (newer OR cur."durationSeconds" IS NULL)
      THEN ev_duration ELSE cur."durationSeconds" END,
    "recordingUrl" = CASE WHEN erased OR cur."recordingDeletedAt" IS NOT NULL THEN NULL
      WHEN ev->>'recordingUrl' IS NOT NULL AND (newer OR cur."recordingUrl" IS NULL)
      THEN ev->>'recordingUrl' ELSE cur."recordingUrl" END,
    "hangupCause" = CASE WHEN ev->>'hangupCause' IS NOT NULL AND (newer OR cur."hangupCause" IS NULL)
      THEN ev->>'hangupCause' ELSE cur."hangupCause" END,
    "providerStatus" = CASE WHEN ev->>'rawStatus' IS NOT NULL AND (newer OR cur."providerStatus" IS NULL)
      THEN ev->>'rawStatus' ELSE cur."providerStatus" END,
    status = CASE WHEN newer THEN ev_status::"CallStatus" ELSE cur.status END,
    "leadId" = coalesce(cur."leadId", p_lead_id),
    "agentId" = coalesce(named_agent, cur."agentId", new_agent),
    -- Smartflo naming another agent on a connected call is a transfer (made in Smartflo's own panel).
    "transferredFromId" = CASE WHEN cur.status = 'ANSWERED' AND named_agent <> cur."agentId"
      THEN coalesce(cur."transferredFromId", cur."agentId") ELSE cur."transferredFromId" END,
    "transferredAt" = CASE WHEN cur.status = 'ANSWERED' AND named_agent <> cur."agentId"
      THEN coalesce(cur."transferredAt", now_utc) ELSE cur."transferredAt" END,
    "updatedAt" = now_utc
  WHERE c.id = cur.id
  RETURNING c.* INTO upd;

  IF upd."leadId" IS NOT NULL THEN
    INSERT INTO activity (id, "leadId", type, "actorId", "callId", payload, "createdAt", "updatedAt")
    VALUES (gen_random_uuid()::text, upd."leadId", 'CALL', upd."agentId", upd.id, '{}',
            coalesce(upd."startedAt", upd."createdAt"), now_utc)
    ON CONFLICT ("callId") DO UPDATE SET "leadId" = EXCLUDED."leadId", "updatedAt" = now_utc;
    -- A ringing phone is not contact yet: answered or ended calls (missed ones are attempts) count.
    contacted_at := coalesce(upd."endedAt", upd."answeredAt");
    IF contacted_at IS NOT NULL THEN
      UPDATE lead SET "lastContactedAt" = contacted_at, "updatedAt" = now_utc
      WHERE id = upd."leadId" AND ("lastContactedAt" IS NULL OR "lastContactedAt" < contacted_at);
    END IF;
    IF upd.status = 'COMPLETED' AND coalesce(upd."talkSeconds", 0) > p_contacted_min_talk THEN
      status_changed := crm_transition_lead_status(
        upd."leadId", 'NEW', 'CONTACTED', NULL, format('Answered call, %s s talk time', upd."talkSeconds"));
    END IF;
    -- Missed (inbound) or unanswered (outbound): a call-back for the lead's owner, once per call.
    -- Answered: the lead's other open call-backs are done.
    IF upd.status = 'MISSED' THEN
      SELECT l.name, l."ownerId" INTO lead_row FROM lead l WHERE l.id = upd."leadId";
      IF FOUND THEN
        INSERT INTO task (id, "leadId", "callId", kind, title, "dueAt", "assigneeId", "createdAt", "updatedAt")
        VALUES (gen_random_uuid()::text, upd."leadId", upd.id, 'CALL_BACK',
                CASE WHEN upd.direction = 'INBOUND' THEN format('Call back %s: missed inbound call', lead_row.name)
                     ELSE format('Call back %s: no answer', lead_row.name) END,
                coalesce(upd."endedAt", now_utc), coalesce(lead_row."ownerId", upd."agentId"), now_utc, now_utc)
        ON CONFLICT ("callId") DO NOTHING;
      END IF;
    ELSIF upd.status = 'COMPLETED' AND coalesce(upd."talkSeconds", 0) > 0 THEN
      UPDATE task SET "doneAt" = now_utc, "updatedAt" = now_utc
      WHERE "leadId" = upd."leadId" AND kind = 'CALL_BACK' AND "doneAt" IS NULL AND "callId" <> upd.id;
    END IF;
  END IF;
  RETURN jsonb_build_object('callId', upd.id, 'leadId', upd."leadId", 'statusChanged', status_changed);
END
$fn$;
-- FUNCTION_END crm_apply_call_event

-- FUNCTION_BEGIN crm_audit_event_append_only (prisma/functions/crm_audit_event_append_only.sql)
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
-- FUNCTION_END crm_audit_event_append_only

-- FUNCTION_BEGIN crm_call_stats (prisma/functions/crm_call_stats.sql)
-- The dashboard's rollups (agent_day_stat, agent_lead_day), kept by a trigger on call in the same
-- transaction as every change to a call, whichever path made it (webhook function, reconciliation,
-- transfer, outcome, lead or user removal). A call counts on the Indian day it was created:
--   * its first agent (transferredFromId, else agentId) gets the call: made (outbound), answered,
--     answered outbound, missed inbound, and the talk time up to the transfer (all of it without one);
--   * after a transfer, the current agent gets the rest of the talk time;
--   * every agent who talked on an answered call "contacted" its lead that day (agent_lead_day).
-- Distinct leads over any range of up to 366 days come from leadsFirst (see prisma/schema.prisma):
-- each contact day stores how long it was since the same agent's previous contact with that lead.

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
  r record;
  a text;
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
  FOR a IN
    SELECT DISTINCT x FROM unnest(ARRAY[
      CASE WHEN TG_OP <> 'INSERT' THEN OLD."agentId" END, CASE WHEN TG_OP <> 'INSERT' THEN OLD."transferredFromId" END,
      CASE WHEN TG_OP <> 'DELETE' THEN NEW."agentId" END, CASE WHEN TG_OP <> 'DELETE' THEN NEW."transferredFromId" END]) x
    WHERE x IS NOT NULL ORDER BY x
  LOOP
    -- One agent's rollups change one transaction at a time (the contact gaps read neighbouring days).
    PERFORM pg_advisory_xact_lock(hashtext('crm_call_stats'), hashtext(a));
  END LOOP;
  -- Old and new parts, signed; what did not change cancels out.
  FOR r IN
    WITH parts AS (
      SELECT -1 AS sign, p.* FROM crm_call_parts(OLD."agentId", OLD."transferredFromId", OLD."leadId", OLD.direction::text,
        OLD.status::text, OLD."answeredAt", OLD."talkSeconds", OLD."transferredAt", OLD."createdAt") p WHERE TG_OP <> 'INSERT'
      UNION ALL
      SELECT 1, p.* FROM crm_call_parts(NEW."agentId", NEW."transferredFromId", NEW."leadId", NEW.direction::text,
        NEW.status::text, NEW."answeredAt", NEW."talkSeconds", NEW."transferredAt", NEW."createdAt") p WHERE TG_OP <> 'DELETE'
    )
    SELECT agent, day, sum(sign * calls)::int AS calls, sum(sign * calls_made)::int AS calls_made,
           sum(sign * answered_out)::int AS answered_out, sum(sign * answered)::int AS answered,
           sum(sign * talk)::bigint AS talk, sum(sign * missed_in)::int AS missed_in
    FROM parts GROUP BY agent, day
    HAVING sum(sign * calls) <> 0 OR sum(sign * calls_made) <> 0 OR sum(sign * answered_out) <> 0 OR sum(sign * answered) <> 0
        OR sum(sign * talk) <> 0 OR sum(sign * missed_in) <> 0 OR bool_or(contact)
  LOOP
    INSERT INTO agent_day_stat
      ("agentId", day, calls, "callsMade", "answeredOut", answered, "talkSeconds", "missedInbound", "leadsFirst")
    VALUES (r.agent, r.day, r.calls, r.calls_made, r.answered_out, r.answered, r.talk, r.missed_in, array_fill(0, ARRAY[366]))
    ON CONFLICT ("agentId", day) DO UPDATE SET
      calls = agent_day_stat.calls + EXCLUDED.calls,
      "callsMade" = agent_day_stat."callsMade" + EXCLUDED."callsMade",
      "answeredOut" = agent_day_stat."answeredOut" + EXCLUDED."answeredOut",
      answered = agent_day_stat.answered + EXCLUDED.answered,
      "talkSeconds" = agent_day_stat."talkSeconds" + EXCLUDED."talkSeconds",
      "missedInbound" = agent_day_stat."missedInbound" + EXCLUDED."missedInbound";
  END LOOP;
  FOR r IN
    WITH parts AS (
      SELECT -1 AS sign, p.agent, p.lead, p.day FROM crm_call_parts(OLD."agentId", OLD."transferredFromId", OLD."leadId",
        OLD.direction::text, OLD.status::text, OLD."answeredAt", OLD."talkSeconds", OLD."transferredAt", OLD."createdAt") p
      WHERE TG_OP <> 'INSERT' AND p.contact
      UNION ALL
      SELECT 1, p.agent, p.lead, p.day FROM crm_call_parts(NEW."agentId", NEW."transferredFromId", NEW."leadId",
        NEW.direction::text, NEW.status::text, NEW."answeredAt", NEW."talkSeconds", NEW."transferredAt", NEW."createdAt") p
      WHERE TG_OP <> 'DELETE' AND p.contact
    )
    SELECT agent, lead, day, sum(sign)::int AS delta FROM parts GROUP BY agent, lead, day HAVING sum(sign) <> 0
    ORDER BY sum(sign), agent, lead, day
  LOOP
    FOR i IN 1..abs(r.delta) LOOP
      PERFORM crm_contact_change(r.agent, r.lead, r.day, sign(r.delta)::int);
    END LOOP;
  END LOOP;
  RETURN NULL;
END
$fn$;

-- Rebuilds both rollups from the calls (when this file changes, and after bulk loads that ran
-- with the trigger disabled, e.g. the scale bench).
CREATE OR REPLACE FUNCTION crm_rebuild_call_stats() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  LOCK TABLE agent_day_stat, agent_lead_day IN EXCLUSIVE MODE;
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
-- FUNCTION_END crm_call_stats

-- FUNCTION_BEGIN crm_dedupe_delivery (prisma/functions/crm_dedupe_delivery.sql)
-- Identical deliveries (Smartflo's retries, our retry sweep) are serialised on their dedupe key
-- (an advisory lock held to the end of the transaction): the first to get here is processed, and
-- any later one finds it and is a DUPLICATE. Returns the earlier delivery's {callId, leadId}, or
-- NULL when this one is the first. The one dedupe rule: the webhook's hot path
-- (crm_ingest_webhook) and the general path (lib/webhooks/service.ts) both call it.
CREATE OR REPLACE FUNCTION crm_dedupe_delivery(p_dedupe_key text, p_id text)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  earlier record;
BEGIN
  IF p_dedupe_key IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended(p_dedupe_key, 0));
  SELECT w."callId", w."leadId" INTO earlier FROM webhook_event w
  WHERE w."dedupeKey" = p_dedupe_key AND w.id <> p_id AND w.status IN ('PROCESSED', 'DUPLICATE')
  LIMIT 1;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  RETURN jsonb_build_object('callId', earlier."callId", 'leadId', earlier."leadId");
END
$fn$;
-- FUNCTION_END crm_dedupe_delivery

-- FUNCTION_BEGIN crm_dnc (prisma/functions/crm_dnc.sql)
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
-- FUNCTION_END crm_dnc

-- FUNCTION_BEGIN crm_ingest_webhook (prisma/functions/crm_ingest_webhook.sql)
-- The webhook's hot path in one statement: when Smartflo's call_id names a call we know, process
-- the delivery (exactly once per identical delivery: crm_dedupe_delivery) and store it once, with
-- its outcome: PROCESSED, DUPLICATE, or FAILED with the error (processing is caught and undone,
-- the delivery kept for the retry sweep). Otherwise store it as RECEIVED and return
-- {status: RECEIVED}: the caller runs the general path (lib/calls/apply-event.ts). Written once,
-- never inserted then updated: that update could not be HOT (status and callId are indexed) and
-- left a dead row per delivery. If the statement fails as a whole nothing was acknowledged, and
-- Smartflo retries.
-- p_delivery holds the stored columns by name (id, method, contentType, headers, query, body,
-- payload, dedupeKey): the one INSERT below takes its column list from the table itself.
DROP FUNCTION IF EXISTS crm_ingest_webhook(text, text, text, jsonb, jsonb, text, jsonb, text, jsonb, int);

CREATE OR REPLACE FUNCTION crm_ingest_webhook(p_delivery jsonb, ev jsonb, p_contacted_min_talk int)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  now_utc timestamp(3) := (clock_timestamp() AT TIME ZONE 'UTC');
  known_call text;
  earlier jsonb;
  applied jsonb;
  outcome jsonb := jsonb_build_object('status', 'RECEIVED', 'attempts', 0);
BEGIN
  IF ev->>'callId' IS NOT NULL THEN
    SELECT id INTO known_call FROM "call" WHERE "providerCallId" = ev->>'callId';
  END IF;
  IF known_call IS NOT NULL THEN
    BEGIN
      earlier := crm_dedupe_delivery(p_delivery->>'dedupeKey', p_delivery->>'id');
      IF earlier IS NOT NULL THEN
        outcome := earlier || jsonb_build_object('status', 'DUPLICATE');
      ELSE
        applied := crm_apply_call_event(known_call, NULL, ev, p_contacted_min_talk);
        outcome := jsonb_build_object('status', 'PROCESSED', 'callId', applied->>'callId', 'leadId', applied->>'leadId');
      END IF;
    EXCEPTION WHEN OTHERS THEN
      -- Processing failed and was undone: the delivery is still stored, for the retry sweep.
      outcome := jsonb_build_object('status', 'FAILED', 'error', left(SQLERRM, 1000));
    END;
    outcome := outcome || jsonb_build_object('processedAt', now_utc, 'attempts', 1);
  END IF;
  INSERT INTO webhook_event
  SELECT * FROM jsonb_populate_record(NULL::webhook_event, p_delivery || jsonb_build_object('receivedAt', now_utc) || outcome);
  RETURN outcome - 'attempts' - 'processedAt';
END
$fn$;
-- FUNCTION_END crm_ingest_webhook

-- FUNCTION_BEGIN crm_lead_primary_phone (prisma/functions/crm_lead_primary_phone.sql)
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
-- FUNCTION_END crm_lead_primary_phone

-- FUNCTION_BEGIN crm_live_events (prisma/functions/crm_live_events.sql)
-- The live stream's source: every change an open page should hear about writes one live_event row
-- (kind, id, the users it concerns) and NOTIFY crm_live with the row's id, in the same transaction,
-- whichever code path made the change (webhook function, services, reconciliation, imports). The
-- app servers LISTEN, read the row and the record, and apply each viewer's scope themselves.
CREATE OR REPLACE FUNCTION crm_live_emit(p_kind text, p_entity text, p_users text[]) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  new_id bigint;
BEGIN
  INSERT INTO live_event (kind, "entityId", "userIds", at)
  VALUES (p_kind, p_entity, ARRAY(SELECT DISTINCT u FROM unnest(p_users) u WHERE u IS NOT NULL), now() AT TIME ZONE 'UTC')
  RETURNING id INTO new_id;
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
-- FUNCTION_END crm_live_events

-- FUNCTION_BEGIN crm_stage_rank (prisma/functions/crm_stage_rank.sql)
-- Progress order of call statuses: a later stage wins, an earlier one never reverts it.
CREATE OR REPLACE FUNCTION crm_stage_rank(s text) RETURNS int LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE s WHEN 'INITIATED' THEN 0 WHEN 'RINGING' THEN 1 WHEN 'ANSWERED' THEN 2 ELSE 3 END
$fn$;
-- FUNCTION_END crm_stage_rank

-- FUNCTION_BEGIN crm_start_call (prisma/functions/crm_start_call.sql)
-- Click-to-call's bookkeeping in one round trip: lock the agent's row (double clicks and a second
-- tab queue here), read the agent's Smartflo number from the database (never from the browser),
-- refuse while a call of theirs is in progress (started within p_stale_seconds) or once they have
-- placed p_max_per_day calls since p_day_start (toll-fraud and runaway-script guard), and create the
-- call. Each statement of the function reads the latest committed rows, so the checks after the
-- lock see a call the previous holder created.
-- What "in progress" means comes from lib/calls/status.ts (p_active_statuses, p_stale_seconds).
-- Returns {agentNumber} or {error: NO_AGENT_NUMBER | BUSY | DAILY_LIMIT, activeCall?, placedToday?}.
DROP FUNCTION IF EXISTS crm_start_call(text, text, text, text, int);
DROP FUNCTION IF EXISTS crm_start_call(text, text, text, text, int, timestamp, int);

CREATE OR REPLACE FUNCTION crm_start_call(
  p_call_id text, p_agent_id text, p_lead_id text, p_customer_number text,
  p_active_statuses text[], p_stale_seconds int, p_day_start timestamp, p_max_per_day int
) RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  now_utc timestamp(3) := (clock_timestamp() AT TIME ZONE 'UTC');
  agent_number text;
  active record;
  placed int;
BEGIN
  SELECT btrim(u."smartfloAgentNumber") INTO agent_number FROM "user" u WHERE u.id = p_agent_id FOR UPDATE;
  IF agent_number IS NULL OR agent_number = '' THEN
    RETURN jsonb_build_object('error', 'NO_AGENT_NUMBER');
  END IF;
  SELECT c.id, c."leadId" INTO active FROM "call" c
  WHERE c."agentId" = p_agent_id AND c.status::text = ANY (p_active_statuses)
    AND c."createdAt" > now_utc - make_interval(secs => p_stale_seconds)
  LIMIT 1;
  IF FOUND THEN
    RETURN jsonb_build_object('error', 'BUSY', 'activeCall', jsonb_build_object('id', active.id, 'leadId', active."leadId"));
  END IF;
  SELECT count(*) INTO placed FROM "call" c
  WHERE c."agentId" = p_agent_id AND c.direction = 'OUTBOUND' AND c."createdAt" >= p_day_start;
  IF placed >= p_max_per_day THEN
    RETURN jsonb_build_object('error', 'DAILY_LIMIT', 'placedToday', placed);
  END IF;
  INSERT INTO "call" (id, "leadId", "agentId", direction, status, "customerNumber", "agentNumber", "startedAt", "createdAt", "updatedAt")
  VALUES (p_call_id, p_lead_id, p_agent_id, 'OUTBOUND', 'INITIATED', p_customer_number, agent_number, now_utc, now_utc, now_utc);
  RETURN jsonb_build_object('agentNumber', agent_number);
END
$fn$;
-- FUNCTION_END crm_start_call

-- FUNCTION_BEGIN crm_transition_lead_status (prisma/functions/crm_transition_lead_status.sql)
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
-- FUNCTION_END crm_transition_lead_status
