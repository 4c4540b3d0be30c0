-- AlterTable
ALTER TABLE "lead_phone" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;
