-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "sandbox" TEXT;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "sandbox" TEXT;
