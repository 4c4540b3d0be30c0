-- AlterEnum
ALTER TYPE "ActivityType" ADD VALUE 'CALL_ACTION';
