-- CreateEnum
CREATE TYPE "ReconcileStatus" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "reconcile_run" (
    "id" TEXT NOT NULL,
    "status" "ReconcileStatus" NOT NULL DEFAULT 'RUNNING',
    "fromDate" TIMESTAMP(3) NOT NULL,
    "toDate" TIMESTAMP(3) NOT NULL,
    "total" INTEGER,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unmatched" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "reconcile_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reconcile_run_createdAt_idx" ON "reconcile_run"("createdAt" DESC);
