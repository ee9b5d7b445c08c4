-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "roomId" TEXT,
ADD COLUMN     "roomMessageId" TEXT,
ALTER COLUMN "conversationId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Attachment_roomMessageId_idx" ON "Attachment"("roomMessageId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_roomMessageId_fkey" FOREIGN KEY ("roomMessageId") REFERENCES "RoomMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;
