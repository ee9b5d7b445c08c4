-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "detectedExt" TEXT,
ADD COLUMN     "thumbnailKey" TEXT;
