-- CreateTable
CREATE TABLE "AutomationRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scopeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "trigger" TEXT NOT NULL,
    "actions" TEXT NOT NULL,
    "cooldownSeconds" INTEGER NOT NULL DEFAULT 0,
    "lastFiredAt" DATETIME,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AutomationRule_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AutomationFiring" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ruleId" TEXT NOT NULL,
    "eventSeq" INTEGER NOT NULL,
    "eventType" TEXT NOT NULL,
    "eventSubject" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "depth" INTEGER NOT NULL DEFAULT 0,
    "results" TEXT NOT NULL DEFAULT '[]',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "AutomationFiring_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AutomationRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Schedule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scopeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "trigger" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "startAt" DATETIME,
    "endAt" DATETIME,
    "target" TEXT NOT NULL,
    "allowOverlap" BOOLEAN NOT NULL DEFAULT false,
    "catchUp" BOOLEAN NOT NULL DEFAULT false,
    "nextFireAt" DATETIME,
    "lastFiredAt" DATETIME,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Schedule_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScheduleRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scheduleId" TEXT NOT NULL,
    "scheduledFor" DATETIME NOT NULL,
    "firedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "jobName" TEXT,
    CONSTRAINT "ScheduleRun_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AutomationRule_scopeId_name_key" ON "AutomationRule"("scopeId", "name");

-- CreateIndex
CREATE INDEX "AutomationFiring_status_createdAt_idx" ON "AutomationFiring"("status", "createdAt");

-- CreateIndex
CREATE INDEX "AutomationFiring_ruleId_createdAt_idx" ON "AutomationFiring"("ruleId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AutomationFiring_ruleId_eventSeq_key" ON "AutomationFiring"("ruleId", "eventSeq");

-- CreateIndex
CREATE INDEX "Schedule_isEnabled_nextFireAt_idx" ON "Schedule"("isEnabled", "nextFireAt");

-- CreateIndex
CREATE UNIQUE INDEX "Schedule_scopeId_name_key" ON "Schedule"("scopeId", "name");

-- CreateIndex
CREATE INDEX "ScheduleRun_scheduleId_firedAt_idx" ON "ScheduleRun"("scheduleId", "firedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleRun_scheduleId_scheduledFor_key" ON "ScheduleRun"("scheduleId", "scheduledFor");
