-- CreateEnum
CREATE TYPE "TaskKind" AS ENUM ('CALL_BACK', 'FOLLOW_UP');

-- AlterTable
ALTER TABLE "call" ADD COLUMN     "dispositionAt" TIMESTAMP(3),
ADD COLUMN     "dispositionId" TEXT;

-- CreateTable
CREATE TABLE "disposition" (
    "id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "leadStatus" "LeadStatus",
    "asksForTime" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "disposition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "kind" "TaskKind" NOT NULL DEFAULT 'FOLLOW_UP',
    "title" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),
    "callId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "app_setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "disposition_label_key" ON "disposition"("label");

-- CreateIndex
CREATE INDEX "disposition_active_position_idx" ON "disposition"("active", "position");

-- CreateIndex
CREATE UNIQUE INDEX "task_callId_key" ON "task"("callId");

-- CreateIndex
CREATE INDEX "task_assigneeId_doneAt_dueAt_idx" ON "task"("assigneeId", "doneAt", "dueAt");

-- CreateIndex
CREATE INDEX "task_leadId_doneAt_idx" ON "task"("leadId", "doneAt");

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_callId_fkey" FOREIGN KEY ("callId") REFERENCES "call"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The default call outcomes (admins edit them in Settings > Call outcomes)
INSERT INTO "disposition" ("id", "label", "leadStatus", "asksForTime", "position", "updatedAt") VALUES
  ('disp_interested', 'Interested', 'QUALIFIED', false, 10, CURRENT_TIMESTAMP),
  ('disp_call_back_later', 'Call back later', NULL, true, 20, CURRENT_TIMESTAMP),
  ('disp_not_interested', 'Not interested', 'LOST', false, 30, CURRENT_TIMESTAMP),
  ('disp_wrong_number', 'Wrong number', 'UNREACHABLE', false, 40, CURRENT_TIMESTAMP),
  ('disp_no_answer', 'No answer', NULL, false, 50, CURRENT_TIMESTAMP);
