/**
 * Puts uploaded files on a widget message inside the message's transaction:
 * each must be the sender's upload in this room, accepted by the validation
 * worker and not sent yet; otherwise nothing is stored.
 */
import type { Tx } from "../db";
import { AppError } from "../errors";

export async function linkRoomAttachments(tx: Tx, options: { roomId: string; roomMessageId: string; attachmentIds: string[]; senderUserId: string }): Promise<void> {
  const ids = [...new Set(options.attachmentIds)];
  if (ids.length === 0) return;
  const rows = await tx.attachment.findMany({
    where: { id: { in: ids }, roomId: options.roomId, uploaderUserId: options.senderUserId },
    select: { id: true, fileName: true, status: true, rejectionReason: true, roomMessageId: true },
  });
  if (rows.length !== ids.length) throw new AppError("VALIDATION", "One of the files is not yours to send here. Attach it again.");
  for (const row of rows) {
    if (row.status === "PENDING") throw new AppError("VALIDATION", `"${row.fileName}" is still being checked. Send again when it is ready.`);
    if (row.status === "REJECTED") throw new AppError("VALIDATION", `"${row.fileName}" was refused: ${row.rejectionReason ?? "it does not meet the file policy."} Remove it to send.`);
    if (row.roomMessageId) throw new AppError("VALIDATION", `"${row.fileName}" was already sent. Attach it again to send it once more.`);
  }
  const { count } = await tx.attachment.updateMany({ where: { id: { in: ids }, roomMessageId: null, status: "ACCEPTED" }, data: { roomMessageId: options.roomMessageId } });
  if (count !== ids.length) throw new AppError("CONFLICT", "A file was sent by another request at the same time. Attach it again.");
}
