-- CreateIndex
CREATE INDEX "lead_isTest_idx" ON "lead"("isTest");
