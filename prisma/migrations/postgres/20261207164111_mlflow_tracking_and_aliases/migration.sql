-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "followsAlias" TEXT;

-- AlterTable
ALTER TABLE "Experiment" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ModelTag" (
    "modelId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ModelTag_pkey" PRIMARY KEY ("modelId","key")
);

-- CreateTable
CREATE TABLE "ModelAlias" (
    "modelId" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedByLabel" TEXT NOT NULL,

    CONSTRAINT "ModelAlias_pkey" PRIMARY KEY ("modelId","alias")
);

-- CreateTable
CREATE TABLE "ExperimentTag" (
    "experimentId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ExperimentTag_pkey" PRIMARY KEY ("experimentId","key")
);

-- CreateTable
CREATE TABLE "JobDatasetInput" (
    "jobId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "schema" TEXT,
    "profile" TEXT,
    "tags" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "JobDatasetInput_pkey" PRIMARY KEY ("jobId","name","digest")
);

-- CreateIndex
CREATE INDEX "ModelAlias_versionId_idx" ON "ModelAlias"("versionId");

-- AddForeignKey
ALTER TABLE "ModelTag" ADD CONSTRAINT "ModelTag_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelAlias" ADD CONSTRAINT "ModelAlias_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelAlias" ADD CONSTRAINT "ModelAlias_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentTag" ADD CONSTRAINT "ExperimentTag_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobDatasetInput" ADD CONSTRAINT "JobDatasetInput_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing rows were last updated when they were created.
UPDATE "Model" SET "updatedAt" = "createdAt";
UPDATE "Experiment" SET "updatedAt" = "createdAt";
