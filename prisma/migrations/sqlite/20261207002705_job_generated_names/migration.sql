-- AlterTable
ALTER TABLE "Job" ADD COLUMN "generatedName" TEXT;

-- CreateIndex
CREATE INDEX "ModelVersion_scopeId_createdAt_id_idx" ON "ModelVersion"("scopeId", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Job_scopeId_generatedName_key" ON "Job"("scopeId", "generatedName");
