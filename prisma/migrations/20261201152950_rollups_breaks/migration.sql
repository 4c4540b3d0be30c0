-- AlterTable
ALTER TABLE "call" ADD COLUMN     "transferredAt" TIMESTAMP(3),
ADD COLUMN     "transferredFromId" TEXT;

-- CreateTable
CREATE TABLE "agent_day_stat" (
    "agentId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "callsMade" INTEGER NOT NULL DEFAULT 0,
    "answeredOut" INTEGER NOT NULL DEFAULT 0,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "talkSeconds" BIGINT NOT NULL DEFAULT 0,
    "missedInbound" INTEGER NOT NULL DEFAULT 0,
    "leadsFirst" INTEGER[],

    CONSTRAINT "agent_day_stat_pkey" PRIMARY KEY ("agentId","day")
);

-- CreateTable
CREATE TABLE "agent_lead_day" (
    "agentId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "answered" INTEGER NOT NULL,

    CONSTRAINT "agent_lead_day_pkey" PRIMARY KEY ("agentId","leadId","day")
);

-- CreateTable
CREATE TABLE "break_reason" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "smartfloCode" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "break_reason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_break" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reasonId" TEXT,
    "reason" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "smartflo" TEXT,

    CONSTRAINT "agent_break_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agent_day_stat_day_idx" ON "agent_day_stat"("day");

-- CreateIndex
CREATE UNIQUE INDEX "break_reason_name_key" ON "break_reason"("name");

-- CreateIndex
CREATE INDEX "agent_break_userId_startedAt_idx" ON "agent_break"("userId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "agent_break_startedAt_idx" ON "agent_break"("startedAt");

-- AddForeignKey
ALTER TABLE "call" ADD CONSTRAINT "call_transferredFromId_fkey" FOREIGN KEY ("transferredFromId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_break" ADD CONSTRAINT "agent_break_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_break" ADD CONSTRAINT "agent_break_reasonId_fkey" FOREIGN KEY ("reasonId") REFERENCES "break_reason"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One open break per agent (Prisma cannot express a partial unique index).
CREATE UNIQUE INDEX "agent_break_one_open" ON "agent_break"("userId") WHERE "endedAt" IS NULL;

-- The break reasons a new account starts with; admins edit the list on /settings/calling.
INSERT INTO "break_reason" ("id", "name", "sortOrder", "updatedAt") VALUES
  ('brk_lunch', 'Lunch', 1, CURRENT_TIMESTAMP),
  ('brk_tea', 'Tea break', 2, CURRENT_TIMESTAMP),
  ('brk_training', 'Training', 3, CURRENT_TIMESTAMP),
  ('brk_meeting', 'Meeting', 4, CURRENT_TIMESTAMP),
  ('brk_coaching', 'Coaching', 5, CURRENT_TIMESTAMP);
