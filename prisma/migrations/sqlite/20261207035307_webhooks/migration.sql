-- CreateTable
CREATE TABLE "EventOutbox" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scopeId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "events" TEXT NOT NULL,
    "subjectPrefix" TEXT,
    "tagFilter" TEXT,
    "secretSealed" TEXT NOT NULL,
    "previousSecretSealed" TEXT,
    "previousSecretUntil" DATETIME,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "disabledAt" DATETIME,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Webhook_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webhookId" TEXT NOT NULL,
    "eventSeq" INTEGER,
    "msgId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "lastStatusCode" INTEGER,
    "lastLatencyMs" INTEGER,
    "lastError" TEXT,
    "lastResponse" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deliveryId" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "statusCode" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "error" TEXT,
    "response" TEXT,
    CONSTRAINT "WebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Scope" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "stage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "allowContributorWebhooks" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_Scope" ("createdAt", "description", "displayName", "id", "kind", "name", "stage") SELECT "createdAt", "description", "displayName", "id", "kind", "name", "stage" FROM "Scope";
DROP TABLE "Scope";
ALTER TABLE "new_Scope" RENAME TO "Scope";
CREATE UNIQUE INDEX "Scope_kind_name_key" ON "Scope"("kind", "name");
CREATE TABLE "new_Event" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "subjectLabel" TEXT NOT NULL,
    "scopeId" TEXT,
    "reason" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "causeSeq" INTEGER,
    "chainDepth" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Event" ("action", "actorId", "actorLabel", "at", "data", "reason", "scopeId", "seq", "subjectId", "subjectLabel", "subjectType") SELECT "action", "actorId", "actorLabel", "at", "data", "reason", "scopeId", "seq", "subjectId", "subjectLabel", "subjectType" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_scopeId_seq_idx" ON "Event"("scopeId", "seq");
CREATE INDEX "Event_subjectType_subjectId_seq_idx" ON "Event"("subjectType", "subjectId", "seq");
CREATE INDEX "Event_actorId_seq_idx" ON "Event"("actorId", "seq");
CREATE INDEX "Event_action_seq_idx" ON "Event"("action", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Webhook_scopeId_createdAt_idx" ON "Webhook"("scopeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_msgId_key" ON "WebhookDelivery"("msgId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_createdAt_idx" ON "WebhookDelivery"("webhookId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_webhookId_eventSeq_key" ON "WebhookDelivery"("webhookId", "eventSeq");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookAttempt_deliveryId_n_key" ON "WebhookAttempt"("deliveryId", "n");
