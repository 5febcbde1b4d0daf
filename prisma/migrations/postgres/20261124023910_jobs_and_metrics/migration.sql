-- CreateTable
CREATE TABLE "Experiment" (
    "id" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "compute" TEXT NOT NULL,
    "command" TEXT,
    "gitRepository" TEXT,
    "gitBranch" TEXT,
    "gitCommit" TEXT,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "failureReason" TEXT,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobParam" (
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "JobParam_pkey" PRIMARY KEY ("jobId","key")
);

-- CreateTable
CREATE TABLE "JobTag" (
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "JobTag_pkey" PRIMARY KEY ("jobId","key")
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "id" SERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSummary" (
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastValue" DOUBLE PRECISION NOT NULL,
    "lastStep" INTEGER NOT NULL,
    "lastTimestamp" BIGINT NOT NULL,
    "minValue" DOUBLE PRECISION NOT NULL,
    "minStep" INTEGER NOT NULL,
    "maxValue" DOUBLE PRECISION NOT NULL,
    "maxStep" INTEGER NOT NULL,

    CONSTRAINT "MetricSummary_pkey" PRIMARY KEY ("jobId","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_scopeId_name_key" ON "Experiment"("scopeId", "name");

-- CreateIndex
CREATE INDEX "Job_scopeId_createdAt_id_idx" ON "Job"("scopeId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Job_experimentId_createdAt_id_idx" ON "Job"("experimentId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Job_scopeId_status_idx" ON "Job"("scopeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Job_scopeId_name_key" ON "Job"("scopeId", "name");

-- CreateIndex
CREATE INDEX "JobParam_key_value_idx" ON "JobParam"("key", "value");

-- CreateIndex
CREATE INDEX "JobTag_key_value_idx" ON "JobTag"("key", "value");

-- CreateIndex
CREATE INDEX "MetricPoint_jobId_key_step_idx" ON "MetricPoint"("jobId", "key", "step");

-- CreateIndex
CREATE INDEX "MetricSummary_key_lastValue_idx" ON "MetricSummary"("key", "lastValue");

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobParam" ADD CONSTRAINT "JobParam_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobTag" ADD CONSTRAINT "JobTag_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricSummary" ADD CONSTRAINT "MetricSummary_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;
