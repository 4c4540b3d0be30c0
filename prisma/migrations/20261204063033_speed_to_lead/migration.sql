-- CreateEnum
CREATE TYPE "RoutingTarget" AS ENUM ('USER', 'ROUND_ROBIN', 'LEAST_LOADED', 'MANAGER_QUEUE');

-- CreateEnum
CREATE TYPE "BreachAction" AS ENUM ('REASSIGN', 'ALERT_MANAGER');

-- AlterEnum
ALTER TYPE "ActivityType" ADD VALUE 'FIRST_RESPONSE';

-- AlterTable
ALTER TABLE "lead" ADD COLUMN     "firstCallAt" TIMESTAMP(3),
ADD COLUMN     "firstConnectAt" TIMESTAMP(3),
ADD COLUMN     "firstResponseBreachedAt" TIMESTAMP(3),
ADD COLUMN     "firstResponseDueAt" TIMESTAMP(3),
ADD COLUMN     "firstResponseRemindAt" TIMESTAMP(3),
ADD COLUMN     "firstResponseRemindedAt" TIMESTAMP(3),
ADD COLUMN     "reassignments" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "routedByRuleId" TEXT;

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "lastSeenAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "routing_rule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "isFallback" BOOLEAN NOT NULL DEFAULT false,
    "teamManagerId" TEXT,
    "conditions" JSONB NOT NULL DEFAULT '{}',
    "target" "RoutingTarget" NOT NULL,
    "targetUserId" TEXT,
    "lastUserId" TEXT,
    "onBreach" "BreachAction" NOT NULL DEFAULT 'REASSIGN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "routing_rule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "routing_rule_position_idx" ON "routing_rule"("position");

-- CreateIndex
CREATE INDEX "lead_firstCallAt_firstResponseDueAt_idx" ON "lead"("firstCallAt", "firstResponseDueAt");

-- AddForeignKey
ALTER TABLE "lead" ADD CONSTRAINT "lead_routedByRuleId_fkey" FOREIGN KEY ("routedByRuleId") REFERENCES "routing_rule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "routing_rule" ADD CONSTRAINT "routing_rule_teamManagerId_fkey" FOREIGN KEY ("teamManagerId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "routing_rule" ADD CONSTRAINT "routing_rule_targetUserId_fkey" FOREIGN KEY ("targetUserId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- FUNCTION_BEGIN crm_first_response (prisma/functions/crm_first_response.sql)
-- Speed to lead: a lead's first response (the first call attempt to it, or an inbound call of theirs
-- that was answered) and its first connect (the first answered call), kept whatever path wrote the
-- call (click-to-call, the dialer, a webhook, reconciliation). Each is set once; later calls never
-- move it.
CREATE OR REPLACE FUNCTION crm_first_response() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  at timestamp(3) := coalesce(NEW."startedAt", NEW."createdAt");
BEGIN
  IF NEW."leadId" IS NULL THEN
    RETURN NEW;
  END IF;
  IF NEW.direction = 'OUTBOUND' OR NEW."answeredAt" IS NOT NULL THEN
    UPDATE lead SET "firstCallAt" = least(at, coalesce(NEW."answeredAt", at))
    WHERE id = NEW."leadId" AND "firstCallAt" IS NULL;
  END IF;
  IF NEW."answeredAt" IS NOT NULL THEN
    UPDATE lead SET "firstConnectAt" = NEW."answeredAt"
    WHERE id = NEW."leadId" AND "firstConnectAt" IS NULL;
  END IF;
  RETURN NEW;
END
$fn$;

DROP TRIGGER IF EXISTS call_first_response_insert ON "call";
CREATE TRIGGER call_first_response_insert AFTER INSERT ON "call"
  FOR EACH ROW WHEN (NEW."leadId" IS NOT NULL) EXECUTE FUNCTION crm_first_response();

DROP TRIGGER IF EXISTS call_first_response_update ON "call";
CREATE TRIGGER call_first_response_update AFTER UPDATE OF "answeredAt", "leadId" ON "call"
  FOR EACH ROW WHEN (NEW."leadId" IS NOT NULL
    AND (NEW."answeredAt" IS DISTINCT FROM OLD."answeredAt" OR NEW."leadId" IS DISTINCT FROM OLD."leadId"))
  EXECUTE FUNCTION crm_first_response();
-- FUNCTION_END crm_first_response
