-- AlterTable
ALTER TABLE "Monitor" ADD COLUMN "baselineSnapshotSha" TEXT;

-- CreateIndex
CREATE INDEX "Monitor_baselineSnapshotSha_idx" ON "Monitor"("baselineSnapshotSha");
