-- AlterTable
ALTER TABLE "Pipeline" ADD COLUMN     "copiedFromPipelineId" TEXT,
ADD COLUMN     "copiedFromWorkspace" TEXT;
