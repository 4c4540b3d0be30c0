-- DropIndex
DROP INDEX "lead_ownerId_updatedAt_idx";

-- DropIndex
DROP INDEX "lead_status_updatedAt_idx";

-- DropIndex
DROP INDEX "lead_updatedAt_id_idx";

-- CreateIndex
CREATE INDEX "lead_ownerId_updatedAt_id_isTest_idx" ON "lead"("ownerId", "updatedAt" DESC, "id" DESC, "isTest");

-- CreateIndex
CREATE INDEX "lead_status_updatedAt_id_isTest_idx" ON "lead"("status", "updatedAt" DESC, "id" DESC, "isTest");

-- CreateIndex
CREATE INDEX "lead_updatedAt_id_isTest_name_email_idx" ON "lead"("updatedAt" DESC, "id" DESC, "isTest", "name", "email");
