-- CreateEnum
CREATE TYPE "LeadDeliveryStatus" AS ENUM ('RECEIVED', 'CREATED', 'ENQUIRED_AGAIN', 'DUPLICATE', 'SKIPPED', 'FAILED');

-- AlterEnum
ALTER TYPE "ActivityType" ADD VALUE 'ENQUIRED_AGAIN';

-- AlterTable
ALTER TABLE "lead" ADD COLUMN     "attribution" JSONB,
ADD COLUMN     "leadSourceId" TEXT,
ADD COLUMN     "subSource" TEXT;

-- CreateTable
CREATE TABLE "api_key" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "lastUsedIp" TEXT,
    "revokedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotent_request" (
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER,
    "response" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotent_request_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "lead_source" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "mapping" JSONB NOT NULL DEFAULT '{}',
    "constants" JSONB NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lead_source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_delivery" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contentType" TEXT,
    "body" TEXT,
    "payload" JSONB,
    "dedupeKey" TEXT,
    "status" "LeadDeliveryStatus" NOT NULL DEFAULT 'RECEIVED',
    "reason" TEXT,
    "leadId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "lead_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_key_prefix_key" ON "api_key"("prefix");

-- CreateIndex
CREATE INDEX "idempotent_request_createdAt_idx" ON "idempotent_request"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "lead_source_name_key" ON "lead_source"("name");

-- CreateIndex
CREATE INDEX "lead_delivery_sourceId_receivedAt_idx" ON "lead_delivery"("sourceId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "lead_delivery_sourceId_dedupeKey_idx" ON "lead_delivery"("sourceId", "dedupeKey");

-- CreateIndex
CREATE INDEX "lead_delivery_status_receivedAt_idx" ON "lead_delivery"("status", "receivedAt");

-- AddForeignKey
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_delivery" ADD CONSTRAINT "lead_delivery_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "lead_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead" ADD CONSTRAINT "lead_leadSourceId_fkey" FOREIGN KEY ("leadSourceId") REFERENCES "lead_source"("id") ON DELETE SET NULL ON UPDATE CASCADE;
