-- AlterTable
ALTER TABLE "Pipeline" ADD COLUMN "copiedFromPipelineId" TEXT;
ALTER TABLE "Pipeline" ADD COLUMN "copiedFromWorkspace" TEXT;
