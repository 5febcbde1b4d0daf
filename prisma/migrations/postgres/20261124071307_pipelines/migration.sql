-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "componentVersionId" TEXT,
ADD COLUMN     "parentJobId" TEXT,
ADD COLUMN     "pipelineId" TEXT,
ADD COLUMN     "pipelineVersion" INTEGER,
ADD COLUMN     "reuseKey" TEXT,
ADD COLUMN     "reusedFromJobId" TEXT,
ADD COLUMN     "stepName" TEXT;

-- CreateTable
CREATE TABLE "Pipeline" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedByLabel" TEXT NOT NULL,

    CONSTRAINT "Pipeline_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Pipeline" ADD CONSTRAINT "Pipeline_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope"("id") ON DELETE CASCADE ON UPDATE CASCADE;
