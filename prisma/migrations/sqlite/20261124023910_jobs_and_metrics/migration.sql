-- CreateTable
CREATE TABLE "Experiment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scopeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Experiment_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "failureReason" TEXT,
    CONSTRAINT "Job_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Job_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobParam" (
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("jobId", "key"),
    CONSTRAINT "JobParam_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobTag" (
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("jobId", "key"),
    CONSTRAINT "JobTag_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "value" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "MetricSummary" (
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastValue" REAL NOT NULL,
    "lastStep" INTEGER NOT NULL,
    "lastTimestamp" BIGINT NOT NULL,
    "minValue" REAL NOT NULL,
    "minStep" INTEGER NOT NULL,
    "maxValue" REAL NOT NULL,
    "maxStep" INTEGER NOT NULL,

    PRIMARY KEY ("jobId", "key"),
    CONSTRAINT "MetricSummary_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
