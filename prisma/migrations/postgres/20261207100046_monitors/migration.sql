-- AlterTable
ALTER TABLE "ScheduleRun" ADD COLUMN     "monitorRunId" TEXT;

-- CreateTable
CREATE TABLE "Monitor" (
    "id" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "endpointId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "task" TEXT,
    "baseline" TEXT NOT NULL,
    "window" TEXT NOT NULL DEFAULT 'P1D',
    "signals" TEXT NOT NULL,
    "minRows" INTEGER NOT NULL DEFAULT 30,
    "scheduleId" TEXT,
    "lastRunId" TEXT,
    "lastOutcome" TEXT,
    "lastRunAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Monitor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorRun" (
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "outcome" TEXT,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "baselineStart" TIMESTAMP(3),
    "baselineEnd" TIMESTAMP(3),
    "productionRows" INTEGER NOT NULL DEFAULT 0,
    "baselineRows" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "MonitorRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorResult" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "signal" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "featureType" TEXT NOT NULL DEFAULT '',
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "direction" TEXT NOT NULL,
    "isBreached" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "severity" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "details" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "MonitorResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Monitor_deploymentId_idx" ON "Monitor"("deploymentId");

-- CreateIndex
CREATE UNIQUE INDEX "Monitor_scopeId_name_key" ON "Monitor"("scopeId", "name");

-- CreateIndex
CREATE INDEX "MonitorRun_monitorId_queuedAt_idx" ON "MonitorRun"("monitorId", "queuedAt");

-- CreateIndex
CREATE INDEX "MonitorRun_status_leaseExpiresAt_idx" ON "MonitorRun"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "MonitorResult_runId_severity_idx" ON "MonitorResult"("runId", "severity");

-- CreateIndex
CREATE INDEX "MonitorResult_monitorId_feature_metric_at_idx" ON "MonitorResult"("monitorId", "feature", "metric", "at");

-- AddForeignKey
ALTER TABLE "Monitor" ADD CONSTRAINT "Monitor_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Monitor" ADD CONSTRAINT "Monitor_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorRun" ADD CONSTRAINT "MonitorRun_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorResult" ADD CONSTRAINT "MonitorResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "MonitorRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
