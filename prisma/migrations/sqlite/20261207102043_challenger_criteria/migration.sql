-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN "challengerCriteria" TEXT;
ALTER TABLE "Endpoint" ADD COLUMN "challengerCriteriaMetAt" DATETIME;
