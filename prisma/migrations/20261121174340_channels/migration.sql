-- DropIndex
DROP INDEX "Contact_companyId_phone_idx";

-- AlterTable
ALTER TABLE "ChannelAddress" ADD COLUMN     "apiVersion" TEXT,
ADD COLUMN     "sendRatePerSecond" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "verifyToken" TEXT,
ADD COLUMN     "webhookSecret" TEXT;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "retryCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "templateName" TEXT;

-- CreateTable
CREATE TABLE "MessageTemplate" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MessageTemplate_companyId_name_language_key" ON "MessageTemplate"("companyId", "name", "language");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_companyId_phone_key" ON "Contact"("companyId", "phone");

-- AddForeignKey
ALTER TABLE "MessageTemplate" ADD CONSTRAINT "MessageTemplate_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;
