-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "environmentBuildId" TEXT,
ADD COLUMN     "runtime" TEXT;

-- CreateTable
CREATE TABLE "EnvironmentBuild" (
    "id" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "specHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "pythonRequested" TEXT,
    "interpreter" TEXT,
    "pythonVersion" TEXT,
    "packages" TEXT,
    "error" TEXT,
    "buildJobId" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnvironmentBuild_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EnvironmentBuild_status_lastUsedAt_idx" ON "EnvironmentBuild"("status", "lastUsedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EnvironmentBuild_scopeId_specHash_key" ON "EnvironmentBuild"("scopeId", "specHash");

-- AddForeignKey
ALTER TABLE "EnvironmentBuild" ADD CONSTRAINT "EnvironmentBuild_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope"("id") ON DELETE CASCADE ON UPDATE CASCADE;
