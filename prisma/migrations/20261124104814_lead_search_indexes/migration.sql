-- Trigram search (contains, any case) on name, email and phone. PGlite loads the extension from
-- @electric-sql/pglite/contrib/pg_trgm, PostgreSQL servers ship it in contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "lead_createdAt_id_idx" ON "lead"("createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "lead_name_id_idx" ON "lead"("name", "id");

-- CreateIndex
CREATE INDEX "lead_name_trgm_idx" ON "lead" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "lead_email_trgm_idx" ON "lead" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "lead_phone_trgm_idx" ON "lead" USING GIN ("phone" gin_trgm_ops);
