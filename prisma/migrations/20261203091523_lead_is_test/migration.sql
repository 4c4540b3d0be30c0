-- AlterTable
ALTER TABLE "lead" ADD COLUMN     "isTest" BOOLEAN NOT NULL DEFAULT false;
