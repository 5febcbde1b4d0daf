-- AlterTable
ALTER TABLE "CollectedRequest" ADD COLUMN     "requestId" TEXT;

-- CreateIndex
CREATE INDEX "CollectedRequest_endpointId_requestId_idx" ON "CollectedRequest"("endpointId", "requestId");
