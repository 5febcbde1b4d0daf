-- CreateTable
CREATE TABLE "ScopePolicy" (
    "scopeId" TEXT NOT NULL PRIMARY KEY,
    "requireDeploy" BOOLEAN NOT NULL DEFAULT false,
    "requireTraffic" BOOLEAN NOT NULL DEFAULT false,
    "requirePublish" BOOLEAN NOT NULL DEFAULT false,
    "registryAssetsOnly" BOOLEAN NOT NULL DEFAULT false,
    "requireModelCard" BOOLEAN NOT NULL DEFAULT false,
    "approvers" TEXT NOT NULL DEFAULT '["role:owner"]',
    "minApprovals" INTEGER NOT NULL DEFAULT 1,
    "requestCounter" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedByLabel" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ScopePolicy_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PromotionRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scopeId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "action" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "modelVersionId" TEXT,
    "endpointName" TEXT,
    "reason" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "requestedById" TEXT,
    "requestedByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "appliedAt" DATETIME,
    "result" TEXT,
    "applyError" TEXT,
    CONSTRAINT "PromotionRequest_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PromotionDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userLabel" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PromotionDecision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PromotionRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PromotionFile" (
    "requestId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,

    PRIMARY KEY ("requestId", "path"),
    CONSTRAINT "PromotionFile_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PromotionRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PromotionRequest_scopeId_state_createdAt_idx" ON "PromotionRequest"("scopeId", "state", "createdAt");

-- CreateIndex
CREATE INDEX "PromotionRequest_requestedById_state_idx" ON "PromotionRequest"("requestedById", "state");

-- CreateIndex
CREATE INDEX "PromotionRequest_state_createdAt_idx" ON "PromotionRequest"("state", "createdAt");

-- CreateIndex
CREATE INDEX "PromotionRequest_modelVersionId_idx" ON "PromotionRequest"("modelVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "PromotionRequest_scopeId_number_key" ON "PromotionRequest"("scopeId", "number");

-- CreateIndex
CREATE INDEX "PromotionDecision_userId_at_idx" ON "PromotionDecision"("userId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "PromotionDecision_requestId_userId_key" ON "PromotionDecision"("requestId", "userId");

-- CreateIndex
CREATE INDEX "PromotionFile_sha256_idx" ON "PromotionFile"("sha256");
