-- CreateTable
CREATE TABLE "ScoringStatHour" (
    "deploymentId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "mirrored" INTEGER NOT NULL DEFAULT 0,
    "mirrorErrors" INTEGER NOT NULL DEFAULT 0,
    "latency" TEXT NOT NULL DEFAULT '{}',

    PRIMARY KEY ("deploymentId", "hour", "source")
);

-- CreateIndex
CREATE INDEX "ScoringStatHour_endpointId_hour_idx" ON "ScoringStatHour"("endpointId", "hour");
