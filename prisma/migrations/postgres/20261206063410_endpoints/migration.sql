-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "authMode" TEXT NOT NULL DEFAULT 'key',
ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "createdByLabel" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "key1Hash" TEXT,
ADD COLUMN     "key1Sealed" TEXT,
ADD COLUMN     "key2Hash" TEXT,
ADD COLUMN     "key2Sealed" TEXT,
ADD COLUMN     "mirrorTraffic" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "traffic" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "createdByLabel" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "dataCollectionPercent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "environmentLabel" TEXT,
ADD COLUMN     "environmentVersionId" TEXT,
ADD COLUMN     "instanceCount" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "miniBatchSize" INTEGER NOT NULL DEFAULT 100,
ADD COLUMN     "requestTimeoutMs" INTEGER NOT NULL DEFAULT 5000,
ADD COLUMN     "scoringMethod" TEXT NOT NULL DEFAULT 'onnx',
ADD COLUMN     "scoringScript" TEXT,
ADD COLUMN     "signature" TEXT,
ADD COLUMN     "stateReason" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "deploymentName" TEXT,
ADD COLUMN     "endpointId" TEXT;

-- CreateTable
CREATE TABLE "DeploymentFile" (
    "id" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,

    CONSTRAINT "DeploymentFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeploymentLog" (
    "id" SERIAL NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "instance" INTEGER,
    "stream" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "DeploymentLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoringStat" (
    "deploymentId" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "mirrored" INTEGER NOT NULL DEFAULT 0,
    "mirrorErrors" INTEGER NOT NULL DEFAULT 0,
    "latency" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "ScoringStat_pkey" PRIMARY KEY ("deploymentId","minute","source")
);

-- CreateTable
CREATE TABLE "CollectedRequest" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" INTEGER NOT NULL,
    "latencyMs" DOUBLE PRECISION NOT NULL,
    "input" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "truncated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CollectedRequest_pkey" PRIMARY KEY ("id")
);

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
CREATE INDEX "Endpoint_key1Hash_idx" ON "Endpoint"("key1Hash");

-- CreateIndex
CREATE INDEX "Endpoint_key2Hash_idx" ON "Endpoint"("key2Hash");

-- CreateIndex
CREATE INDEX "Deployment_state_idx" ON "Deployment"("state");

-- CreateIndex
CREATE INDEX "Job_endpointId_createdAt_idx" ON "Job"("endpointId", "createdAt");

-- AddForeignKey
ALTER TABLE "DeploymentFile" ADD CONSTRAINT "DeploymentFile_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
