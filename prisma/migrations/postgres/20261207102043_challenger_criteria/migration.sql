-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "challengerCriteria" TEXT,
ADD COLUMN     "challengerCriteriaMetAt" TIMESTAMP(3);
