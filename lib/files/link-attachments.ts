/**
 * Puts uploaded files on a message, inside the message's own transaction:
 * every file must belong to this conversation and this sender, be accepted
 * by the validation worker and not be on another message yet. Otherwise the
 * whole send fails (the transaction rolls back), so nothing is half-sent.
 */
import type { Tx } from "../db";
import { AppError } from "../errors";
import { canShareFilesBetween } from "./can-share-files";

export const MAX_ATTACHMENTS = 10;

export interface LinkAttachmentsOptions {
  conversationId: string;
  messageId: string;
  attachmentIds: string[];
  /** The agent who sends; null for the customer (their uploads have no user). */
  senderUserId: string | null;
  /** The company of whoever receives the files (for the external file-sharing rule). */
  recipientCompanyId: string;
}

export async function linkAttachments(tx: Tx, options: LinkAttachmentsOptions): Promise<void> {
  const ids = [...new Set(options.attachmentIds)];
  if (ids.length === 0) return;
  const rows = await tx.attachment.findMany({
    where: { id: { in: ids }, conversationId: options.conversationId, uploaderUserId: options.senderUserId },
    select: { id: true, fileName: true, status: true, rejectionReason: true, messageId: true, conversation: { select: { companyId: true } } },
  });
  if (rows.length !== ids.length) throw new AppError("VALIDATION", "One of the files is not yours to send here. Attach it again.");
  for (const row of rows) {
    if (row.status === "PENDING") throw new AppError("VALIDATION", `"${row.fileName}" is still being checked. Send again when it is ready.`);
    if (row.status === "REJECTED") throw new AppError("VALIDATION", `"${row.fileName}" was refused: ${row.rejectionReason ?? "it does not meet the file policy."} Remove it to send.`);
    if (row.messageId) throw new AppError("VALIDATION", `"${row.fileName}" was already sent. Attach it again to send it once more.`);
    if (!row.conversation || !(await canShareFilesBetween(row.conversation.companyId, options.recipientCompanyId))) {
      throw new AppError("VALIDATION", "Files cannot be shared with this recipient: both companies must allow external communication and external file sharing.");
    }
  }
  // Conditional on still-unlinked rows, so two concurrent sends cannot both take a file.
  const { count } = await tx.attachment.updateMany({ where: { id: { in: ids }, messageId: null, status: "ACCEPTED" }, data: { messageId: options.messageId } });
  if (count !== ids.length) throw new AppError("CONFLICT", "A file was sent by another request at the same time. Attach it again.");
}
