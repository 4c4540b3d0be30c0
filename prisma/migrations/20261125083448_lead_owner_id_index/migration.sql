-- CreateIndex
CREATE INDEX "lead_ownerId_id_idx" ON "lead"("ownerId", "id");
