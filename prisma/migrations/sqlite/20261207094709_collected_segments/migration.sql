-- CreateTable
CREATE TABLE "CollectedSegment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpointId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "modelVersion" TEXT NOT NULL DEFAULT '',
    "writer" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "spoolPath" TEXT,
    "sha256" TEXT,
    "startAt" DATETIME NOT NULL,
    "endAt" DATETIME NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "columns" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpointId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "modelVersionId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "stateReason" TEXT,
    "scoringMethod" TEXT NOT NULL DEFAULT 'onnx',
    "scoringScript" TEXT,
    "environmentVersionId" TEXT,
    "environmentLabel" TEXT,
    "instanceCount" INTEGER NOT NULL DEFAULT 1,
    "requestTimeoutMs" INTEGER NOT NULL DEFAULT 5000,
    "dataCollectionPercent" INTEGER NOT NULL DEFAULT 0,
    "collectRetentionDays" INTEGER NOT NULL DEFAULT 30,
    "collectMaxRows" INTEGER NOT NULL DEFAULT 1000000,
    "featureNames" TEXT,
    "miniBatchSize" INTEGER NOT NULL DEFAULT 100,
    "signature" TEXT,
    "sandbox" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Deployment_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deployment_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Deployment" ("createdAt", "createdById", "createdByLabel", "dataCollectionPercent", "description", "endpointId", "environmentLabel", "environmentVersionId", "id", "instanceCount", "leaseExpiresAt", "leaseOwner", "miniBatchSize", "modelVersionId", "name", "requestTimeoutMs", "sandbox", "scoringMethod", "scoringScript", "signature", "state", "stateReason", "updatedAt") SELECT "createdAt", "createdById", "createdByLabel", "dataCollectionPercent", "description", "endpointId", "environmentLabel", "environmentVersionId", "id", "instanceCount", "leaseExpiresAt", "leaseOwner", "miniBatchSize", "modelVersionId", "name", "requestTimeoutMs", "sandbox", "scoringMethod", "scoringScript", "signature", "state", "stateReason", "updatedAt" FROM "Deployment";
DROP TABLE "Deployment";
ALTER TABLE "new_Deployment" RENAME TO "Deployment";
CREATE INDEX "Deployment_modelVersionId_idx" ON "Deployment"("modelVersionId");
CREATE INDEX "Deployment_state_idx" ON "Deployment"("state");
CREATE UNIQUE INDEX "Deployment_endpointId_name_key" ON "Deployment"("endpointId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CollectedSegment_deploymentId_startAt_idx" ON "CollectedSegment"("deploymentId", "startAt");

-- CreateIndex
CREATE INDEX "CollectedSegment_endpointId_endAt_idx" ON "CollectedSegment"("endpointId", "endAt");

-- CreateIndex
CREATE INDEX "CollectedSegment_status_writer_idx" ON "CollectedSegment"("status", "writer");

-- CreateIndex
CREATE INDEX "CollectedSegment_sha256_idx" ON "CollectedSegment"("sha256");
