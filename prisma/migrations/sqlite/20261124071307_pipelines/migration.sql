-- AlterTable
ALTER TABLE "Job" ADD COLUMN "componentVersionId" TEXT;
ALTER TABLE "Job" ADD COLUMN "parentJobId" TEXT;
ALTER TABLE "Job" ADD COLUMN "pipelineId" TEXT;
ALTER TABLE "Job" ADD COLUMN "pipelineVersion" INTEGER;
ALTER TABLE "Job" ADD COLUMN "reuseKey" TEXT;
ALTER TABLE "Job" ADD COLUMN "reusedFromJobId" TEXT;
ALTER TABLE "Job" ADD COLUMN "stepName" TEXT;

-- CreateTable
CREATE TABLE "Pipeline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scopeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "graph" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "versionCounter" INTEGER NOT NULL DEFAULT 0,
    "experimentName" TEXT,
    "clonedFromId" TEXT,
    "clonedFromJobId" TEXT,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedByLabel" TEXT NOT NULL,
    CONSTRAINT "Pipeline_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Pipeline_scopeId_updatedAt_idx" ON "Pipeline"("scopeId", "updatedAt");

-- CreateIndex
CREATE INDEX "Pipeline_clonedFromId_idx" ON "Pipeline"("clonedFromId");

-- CreateIndex
CREATE INDEX "Job_parentJobId_idx" ON "Job"("parentJobId");

-- CreateIndex
CREATE INDEX "Job_pipelineId_pipelineVersion_idx" ON "Job"("pipelineId", "pipelineVersion");

-- CreateIndex
CREATE INDEX "Job_scopeId_reuseKey_status_idx" ON "Job"("scopeId", "reuseKey", "status");
