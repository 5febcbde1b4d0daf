-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "runtime" TEXT;
