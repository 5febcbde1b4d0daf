-- AlterTable
ALTER TABLE "AccessToken" ADD COLUMN "jobId" TEXT;

-- CreateTable
CREATE TABLE "JobFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "output" TEXT NOT NULL DEFAULT '',
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    CONSTRAINT "JobFile_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stream" TEXT NOT NULL,
    "text" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Asset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scopeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "versionCounter" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Asset_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssetVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assetId" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "isLatest" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" TEXT NOT NULL DEFAULT '{}',
    "spec" TEXT NOT NULL DEFAULT '{}',
    "isArchived" BOOLEAN NOT NULL DEFAULT false,
    "fileCount" INTEGER NOT NULL DEFAULT 0,
    "totalSize" BIGINT NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceJobId" TEXT,
    "sourceVersionId" TEXT,
    "sourceScopeKind" TEXT,
    "sourceScopeName" TEXT,
    "publishReason" TEXT,
    "publishedBy" TEXT,
    "profileStatus" TEXT,
    "profile" TEXT,
    "profileError" TEXT,
    "profileLeaseOwner" TEXT,
    "profileLeaseExpiresAt" DATETIME,
    CONSTRAINT "AssetVersion_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssetFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    CONSTRAINT "AssetFile_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AssetVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Job" (
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
    "environmentVersionId" TEXT,
    "environmentLabel" TEXT,
    "spec" TEXT NOT NULL DEFAULT '{}',
    "exitCode" INTEGER,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "cancelRequestedAt" DATETIME,
    CONSTRAINT "Job_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Job_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Job" ("command", "compute", "createdAt", "createdById", "createdByLabel", "displayName", "endedAt", "experimentId", "failureReason", "gitBranch", "gitCommit", "gitRepository", "id", "kind", "name", "scopeId", "startedAt", "status") SELECT "command", "compute", "createdAt", "createdById", "createdByLabel", "displayName", "endedAt", "experimentId", "failureReason", "gitBranch", "gitCommit", "gitRepository", "id", "kind", "name", "scopeId", "startedAt", "status" FROM "Job";
DROP TABLE "Job";
ALTER TABLE "new_Job" RENAME TO "Job";
CREATE INDEX "Job_scopeId_createdAt_id_idx" ON "Job"("scopeId", "createdAt", "id");
CREATE INDEX "Job_experimentId_createdAt_id_idx" ON "Job"("experimentId", "createdAt", "id");
CREATE INDEX "Job_scopeId_status_idx" ON "Job"("scopeId", "status");
CREATE INDEX "Job_status_createdAt_idx" ON "Job"("status", "createdAt");
CREATE UNIQUE INDEX "Job_scopeId_name_key" ON "Job"("scopeId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "JobFile_jobId_kind_output_path_key" ON "JobFile"("jobId", "kind", "output", "path");

-- CreateIndex
CREATE INDEX "JobLog_jobId_id_idx" ON "JobLog"("jobId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Asset_scopeId_kind_name_key" ON "Asset"("scopeId", "kind", "name");

-- CreateIndex
CREATE INDEX "AssetVersion_scopeId_kind_isLatest_name_idx" ON "AssetVersion"("scopeId", "kind", "isLatest", "name");

-- CreateIndex
CREATE INDEX "AssetVersion_profileStatus_idx" ON "AssetVersion"("profileStatus");

-- CreateIndex
CREATE INDEX "AssetVersion_sourceVersionId_idx" ON "AssetVersion"("sourceVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "AssetVersion_assetId_version_key" ON "AssetVersion"("assetId", "version");

-- CreateIndex
CREATE INDEX "AssetFile_sha256_idx" ON "AssetFile"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "AssetFile_versionId_path_key" ON "AssetFile"("versionId", "path");
