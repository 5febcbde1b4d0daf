-- CreateTable
CREATE TABLE "Blob" (
    "sha256" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Blob_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "BlobHold" (
    "id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BlobHold_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BlobHold_sha256_idx" ON "BlobHold"("sha256");

-- CreateIndex
CREATE INDEX "BlobHold_expiresAt_idx" ON "BlobHold"("expiresAt");

-- CreateIndex
CREATE INDEX "DeploymentFile_sha256_idx" ON "DeploymentFile"("sha256");

-- CreateIndex
CREATE INDEX "JobFile_sha256_idx" ON "JobFile"("sha256");

-- AddForeignKey
ALTER TABLE "BlobHold" ADD CONSTRAINT "BlobHold_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "Blob"("sha256") ON DELETE CASCADE ON UPDATE CASCADE;
