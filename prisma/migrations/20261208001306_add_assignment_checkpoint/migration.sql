-- AlterTable
ALTER TABLE "assignment" ADD COLUMN     "checkpoint" JSONB;
