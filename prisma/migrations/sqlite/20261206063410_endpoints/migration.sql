-- AlterTable
ALTER TABLE "Job" ADD COLUMN "deploymentName" TEXT;
ALTER TABLE "Job" ADD COLUMN "endpointId" TEXT;

-- CreateTable
CREATE TABLE "DeploymentFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deploymentId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    CONSTRAINT "DeploymentFile_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeploymentLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deploymentId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "instance" INTEGER,
    "stream" TEXT NOT NULL,
    "text" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ScoringStat" (
    "deploymentId" TEXT NOT NULL,
    "minute" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "mirrored" INTEGER NOT NULL DEFAULT 0,
    "mirrorErrors" INTEGER NOT NULL DEFAULT 0,
    "latency" TEXT NOT NULL DEFAULT '[]',

    PRIMARY KEY ("deploymentId", "minute", "source")
);

-- CreateTable
CREATE TABLE "CollectedRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpointId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" INTEGER NOT NULL,
    "latencyMs" REAL NOT NULL,
    "input" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "truncated" BOOLEAN NOT NULL DEFAULT false
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Endpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scopeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "authMode" TEXT NOT NULL DEFAULT 'key',
    "key1Hash" TEXT,
    "key2Hash" TEXT,
    "key1Sealed" TEXT,
    "key2Sealed" TEXT,
    "traffic" TEXT NOT NULL DEFAULT '{}',
    "mirrorTraffic" TEXT NOT NULL DEFAULT '{}',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Endpoint_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Endpoint" ("createdAt", "id", "kind", "name", "scopeId") SELECT "createdAt", "id", "kind", "name", "scopeId" FROM "Endpoint";
DROP TABLE "Endpoint";
ALTER TABLE "new_Endpoint" RENAME TO "Endpoint";
CREATE INDEX "Endpoint_key1Hash_idx" ON "Endpoint"("key1Hash");
CREATE INDEX "Endpoint_key2Hash_idx" ON "Endpoint"("key2Hash");
CREATE UNIQUE INDEX "Endpoint_scopeId_name_key" ON "Endpoint"("scopeId", "name");
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
    "miniBatchSize" INTEGER NOT NULL DEFAULT 100,
    "signature" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Deployment_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deployment_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Deployment" ("createdAt", "endpointId", "id", "modelVersionId", "name", "state") SELECT "createdAt", "endpointId", "id", "modelVersionId", "name", "state" FROM "Deployment";
DROP TABLE "Deployment";
ALTER TABLE "new_Deployment" RENAME TO "Deployment";
CREATE INDEX "Deployment_modelVersionId_idx" ON "Deployment"("modelVersionId");
CREATE INDEX "Deployment_state_idx" ON "Deployment"("state");
CREATE UNIQUE INDEX "Deployment_endpointId_name_key" ON "Deployment"("endpointId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DeploymentFile_deploymentId_path_key" ON "DeploymentFile"("deploymentId", "path");

-- CreateIndex
CREATE INDEX "DeploymentLog_deploymentId_id_idx" ON "DeploymentLog"("deploymentId", "id");

-- CreateIndex
CREATE INDEX "ScoringStat_endpointId_minute_idx" ON "ScoringStat"("endpointId", "minute");

-- CreateIndex
CREATE INDEX "CollectedRequest_deploymentId_at_idx" ON "CollectedRequest"("deploymentId", "at");

-- CreateIndex
CREATE INDEX "CollectedRequest_endpointId_at_idx" ON "CollectedRequest"("endpointId", "at");

-- CreateIndex
CREATE INDEX "Job_endpointId_createdAt_idx" ON "Job"("endpointId", "createdAt");
