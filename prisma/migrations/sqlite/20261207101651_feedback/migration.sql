-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpointId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "row" INTEGER NOT NULL DEFAULT 0,
    "label" TEXT NOT NULL,
    "requestAt" DATETIME,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT
);

-- CreateIndex
CREATE INDEX "Feedback_endpointId_requestAt_idx" ON "Feedback"("endpointId", "requestAt");

-- CreateIndex
CREATE INDEX "Feedback_endpointId_receivedAt_idx" ON "Feedback"("endpointId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_endpointId_requestId_row_key" ON "Feedback"("endpointId", "requestId", "row");
