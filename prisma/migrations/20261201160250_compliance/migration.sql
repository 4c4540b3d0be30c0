-- CreateEnum
CREATE TYPE "LeadPurpose" AS ENUM ('PROMOTIONAL', 'SERVICE');

-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('WEB_FORM', 'CALL', 'IMPORT', 'DOCUMENT');

-- CreateEnum
CREATE TYPE "DncSource" AS ENUM ('OUTCOME', 'INBOUND_OPT_OUT', 'IMPORT', 'API');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ActivityType" ADD VALUE 'DO_NOT_CALL';
ALTER TYPE "ActivityType" ADD VALUE 'CONSENT';
ALTER TYPE "ActivityType" ADD VALUE 'ERASURE';

-- AlterTable
ALTER TABLE "call" ADD COLUMN     "recordingDeletedAt" TIMESTAMP(3),
ADD COLUMN     "recordingKeptDays" INTEGER;

-- AlterTable
ALTER TABLE "disposition" ADD COLUMN     "marksDoNotCall" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "lead" ADD COLUMN     "consentAt" TIMESTAMP(3),
ADD COLUMN     "consentMethod" "ConsentMethod",
ADD COLUMN     "consentText" TEXT,
ADD COLUMN     "consentWithdrawnAt" TIMESTAMP(3),
ADD COLUMN     "doNotCall" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "erasedAt" TIMESTAMP(3),
ADD COLUMN     "purpose" "LeadPurpose" NOT NULL DEFAULT 'PROMOTIONAL';

-- CreateTable
CREATE TABLE "dnc_entry" (
    "id" TEXT NOT NULL,
    "phone" TEXT,
    "phoneHash" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "source" "DncSource" NOT NULL,
    "createdById" TEXT,
    "leadId" TEXT,
    "callId" TEXT,
    "pushedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dnc_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calling_override" (
    "id" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "grantedById" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "callId" TEXT,

    CONSTRAINT "calling_override_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "dnc_entry_phone_key" ON "dnc_entry"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "dnc_entry_phoneHash_key" ON "dnc_entry"("phoneHash");

-- CreateIndex
CREATE INDEX "dnc_entry_createdAt_id_idx" ON "dnc_entry"("createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "calling_override_leadId_usedAt_idx" ON "calling_override"("leadId", "usedAt");

-- AddForeignKey
ALTER TABLE "calling_override" ADD CONSTRAINT "calling_override_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The outcome that makes a lead do-not-call (TCCCPR: an opt-out is honoured at once).
INSERT INTO "disposition" ("id", "label", "leadStatus", "asksForTime", "marksDoNotCall", "position", "updatedAt")
VALUES ('disp_do_not_call', 'Asked not to be called', 'LOST', false, true, 60, CURRENT_TIMESTAMP)
ON CONFLICT ("label") DO UPDATE SET "marksDoNotCall" = true;
