-- CreateEnum
CREATE TYPE "PhoneLabel" AS ENUM ('MOBILE', 'WORK', 'HOME', 'OTHER');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('ACTIVE', 'PAUSED', 'ENDED');

-- CreateEnum
CREATE TYPE "CampaignLeadState" AS ENUM ('PENDING', 'CLAIMED', 'DONE');

-- CreateEnum
CREATE TYPE "DialerSource" AS ENUM ('FOLLOW_UPS', 'FILTER', 'CAMPAIGN');

-- CreateEnum
CREATE TYPE "DialerOfferState" AS ENUM ('OFFERED', 'CALLED', 'SKIPPED', 'SNOOZED');

-- AlterTable
ALTER TABLE "call" ADD COLUMN     "campaignId" TEXT;

-- CreateTable
CREATE TABLE "lead_phone" (
    "id" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "last10" TEXT NOT NULL,
    "label" "PhoneLabel" NOT NULL DEFAULT 'MOBILE',
    "primary" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_phone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "own_number" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "last10" TEXT NOT NULL,
    "label" TEXT,
    "source" TEXT NOT NULL DEFAULT 'admin',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "own_number_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdById" TEXT,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "retryGapMinutes" INTEGER NOT NULL DEFAULT 60,
    "filter" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_agent" (
    "campaignId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "campaign_agent_pkey" PRIMARY KEY ("campaignId","userId")
);

-- CreateTable
CREATE TABLE "campaign_lead" (
    "campaignId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "state" "CampaignLeadState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedById" TEXT,
    "claimedAt" TIMESTAMP(3),
    "lastOutcome" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaign_lead_pkey" PRIMARY KEY ("campaignId","leadId")
);

-- CreateTable
CREATE TABLE "dialer_session" (
    "id" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "source" "DialerSource" NOT NULL,
    "filter" JSONB,
    "campaignId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "dialer_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dialer_offer" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "campaignId" TEXT,
    "state" "DialerOfferState" NOT NULL DEFAULT 'OFFERED',
    "callId" TEXT,
    "outcome" TEXT,
    "answered" BOOLEAN,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "dialer_offer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "lead_phone_number_key" ON "lead_phone"("number");

-- CreateIndex
CREATE INDEX "lead_phone_leadId_idx" ON "lead_phone"("leadId");

-- CreateIndex
CREATE INDEX "lead_phone_last10_idx" ON "lead_phone"("last10");

-- CreateIndex
CREATE INDEX "lead_phone_number_trgm_idx" ON "lead_phone" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "own_number_number_key" ON "own_number"("number");

-- CreateIndex
CREATE INDEX "own_number_last10_idx" ON "own_number"("last10");

-- CreateIndex
CREATE INDEX "campaign_status_createdAt_idx" ON "campaign"("status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "campaign_agent_userId_idx" ON "campaign_agent"("userId");

-- CreateIndex
CREATE INDEX "campaign_lead_campaignId_state_nextAt_idx" ON "campaign_lead"("campaignId", "state", "nextAt");

-- CreateIndex
CREATE INDEX "campaign_lead_leadId_idx" ON "campaign_lead"("leadId");

-- CreateIndex
CREATE INDEX "dialer_session_agentId_active_idx" ON "dialer_session"("agentId", "active");

-- CreateIndex
CREATE INDEX "dialer_offer_sessionId_createdAt_idx" ON "dialer_offer"("sessionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "dialer_offer_sessionId_leadId_key" ON "dialer_offer"("sessionId", "leadId");

-- CreateIndex
CREATE INDEX "call_campaignId_agentId_idx" ON "call"("campaignId", "agentId");

-- AddForeignKey
ALTER TABLE "call" ADD CONSTRAINT "call_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_phone" ADD CONSTRAINT "lead_phone_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_agent" ADD CONSTRAINT "campaign_agent_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_agent" ADD CONSTRAINT "campaign_agent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_lead" ADD CONSTRAINT "campaign_lead_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_lead" ADD CONSTRAINT "campaign_lead_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dialer_session" ADD CONSTRAINT "dialer_session_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dialer_offer" ADD CONSTRAINT "dialer_offer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "dialer_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dialer_offer" ADD CONSTRAINT "dialer_offer_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dialer_offer" ADD CONSTRAINT "dialer_offer_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Every existing number becomes its lead's primary phone (nothing is lost: lead.phone stays too).
INSERT INTO "lead_phone" ("id", "leadId", "number", "last10", "label", "primary", "createdAt")
SELECT 'lp' || md5("id"), "id", "phone", "phoneLast10", 'MOBILE', true, "createdAt" FROM "lead";
