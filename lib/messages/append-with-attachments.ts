/**
 * A message and its files, committed together: if any file is not ready,
 * not the sender's or already sent, the message is not stored either.
 */
import { isUniqueViolation } from "../db-errors";
import { db } from "../db";
import { messageSelect, toMessageDto } from "../conversations/dto";
import { linkAttachments, type LinkAttachmentsOptions } from "../files/link-attachments";
import { appendMessage, type AppendedMessage, type AppendMessageInput } from "./append-message";

export async function appendWithAttachments(input: AppendMessageInput, files: Omit<LinkAttachmentsOptions, "conversationId" | "messageId">): Promise<AppendedMessage> {
  try {
    return await db.$transaction(async (tx) => {
      const appended = await appendMessage(input, tx);
      if (!appended.created) return appended;
      await linkAttachments(tx, { ...files, conversationId: input.conversationId, messageId: appended.message.id });
      const row = await tx.message.findUniqueOrThrow({ where: { id: appended.message.id }, select: messageSelect });
      return { created: true, message: toMessageDto(row) };
    });
  } catch (error) {
    // The same clientMessageId raced with another send: answer with the stored message.
    if (input.clientMessageId && isUniqueViolation(error)) return appendMessage(input);
    throw error;
  }
}
