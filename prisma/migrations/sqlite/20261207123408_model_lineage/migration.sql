-- AlterTable
ALTER TABLE "Job" ADD COLUMN "gitDirty" BOOLEAN;

-- CreateTable
CREATE TABLE "ModelLineage" (
    "versionId" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT,
    "pipelineJobId" TEXT,
    "scopeId" TEXT,
    "record" TEXT NOT NULL,
    "originVersionId" TEXT,
    "capturedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ModelLineage_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LineageData" (
    "versionId" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "assetVersionId" TEXT NOT NULL,

    PRIMARY KEY ("versionId", "input"),
    CONSTRAINT "LineageData_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelLineage" ("versionId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ModelLineage_jobId_idx" ON "ModelLineage"("jobId");

-- CreateIndex
CREATE INDEX "ModelLineage_pipelineJobId_idx" ON "ModelLineage"("pipelineJobId");

-- CreateIndex
CREATE INDEX "LineageData_assetVersionId_idx" ON "LineageData"("assetVersionId");
