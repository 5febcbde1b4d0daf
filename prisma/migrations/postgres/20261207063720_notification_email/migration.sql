-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "emailAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "emailError" TEXT,
ADD COLUMN     "emailLeaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "emailLeaseOwner" TEXT,
ADD COLUMN     "emailNextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "emailStatus" TEXT NOT NULL DEFAULT 'none';

-- CreateIndex
CREATE INDEX "Notification_emailStatus_emailNextAttemptAt_idx" ON "Notification"("emailStatus", "emailNextAttemptAt");
