-- This migration used to define database functions. They live in prisma/functions/ now, one file
-- each, applied (CREATE OR REPLACE, tracked by hash in _crm_functions) after the migrations on
-- every database, new or old: the functions have one source, not "the newest migration that
-- happens to touch it". The original text of this migration is in the git history.
SELECT 1;
