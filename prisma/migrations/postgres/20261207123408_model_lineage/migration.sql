-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "gitDirty" BOOLEAN;

-- CreateTable
CREATE TABLE "ModelLineage" (
    "versionId" TEXT NOT NULL,
    "jobId" TEXT,
    "pipelineJobId" TEXT,
    "scopeId" TEXT,
    "record" TEXT NOT NULL,
    "originVersionId" TEXT,
    "capturedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelLineage_pkey" PRIMARY KEY ("versionId")
);

-- CreateTable
CREATE TABLE "LineageData" (
    "versionId" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "assetVersionId" TEXT NOT NULL,

    CONSTRAINT "LineageData_pkey" PRIMARY KEY ("versionId","input")
);

-- CreateIndex
CREATE INDEX "ModelLineage_jobId_idx" ON "ModelLineage"("jobId");

-- CreateIndex
CREATE INDEX "ModelLineage_pipelineJobId_idx" ON "ModelLineage"("pipelineJobId");

-- CreateIndex
CREATE INDEX "LineageData_assetVersionId_idx" ON "LineageData"("assetVersionId");

-- AddForeignKey
ALTER TABLE "ModelLineage" ADD CONSTRAINT "ModelLineage_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LineageData" ADD CONSTRAINT "LineageData_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelLineage"("versionId") ON DELETE CASCADE ON UPDATE CASCADE;
