-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "collectMaxRows" INTEGER NOT NULL DEFAULT 1000000,
ADD COLUMN     "collectRetentionDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "featureNames" TEXT;

-- CreateTable
CREATE TABLE "CollectedSegment" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "modelVersion" TEXT NOT NULL DEFAULT '',
    "writer" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "spoolPath" TEXT,
    "sha256" TEXT,
    "startAt" TIMESTAMP(3) NOT NULL,
    "endAt" TIMESTAMP(3) NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "columns" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollectedSegment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CollectedSegment_deploymentId_startAt_idx" ON "CollectedSegment"("deploymentId", "startAt");

-- CreateIndex
CREATE INDEX "CollectedSegment_endpointId_endAt_idx" ON "CollectedSegment"("endpointId", "endAt");

-- CreateIndex
CREATE INDEX "CollectedSegment_status_writer_idx" ON "CollectedSegment"("status", "writer");

-- CreateIndex
CREATE INDEX "CollectedSegment_sha256_idx" ON "CollectedSegment"("sha256");
