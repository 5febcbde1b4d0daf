-- CreateTable
CREATE TABLE "Blob" (
    "sha256" TEXT NOT NULL PRIMARY KEY,
    "size" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BlobHold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sha256" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "BlobHold_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "Blob" ("sha256") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BlobHold_sha256_idx" ON "BlobHold"("sha256");

-- CreateIndex
CREATE INDEX "BlobHold_expiresAt_idx" ON "BlobHold"("expiresAt");

-- CreateIndex
CREATE INDEX "DeploymentFile_sha256_idx" ON "DeploymentFile"("sha256");

-- CreateIndex
CREATE INDEX "JobFile_sha256_idx" ON "JobFile"("sha256");
