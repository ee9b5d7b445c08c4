/**
 * Tells whoever waits for a checked file: the agent who uploaded it, the
 * web-chat customer who uploaded it, or, for a channel's inbound media
 * already on a message, everyone who sees that message.
 */
import { db } from "../db";
import { messageSelect, toCustomerMessage, toMessageDto } from "../conversations/dto";
import { publishAgentEvent, publishCustomerEvent } from "../realtime/bus";
import { webchatEntryOf } from "../webchat/webchat-entry-of";
import { attachmentSelect, customerAttachmentFromRow, toAttachmentDto } from "./attachment-dto";

export async function publishAttachmentUpdate(options: { attachmentId: string }): Promise<void> {
  const row = await db.attachment.findUnique({
    where: { id: options.attachmentId },
    select: { ...attachmentSelect, uploaderUserId: true, messageId: true, conversation: { select: { id: true, contactId: true, assigneeId: true } } },
  });
  if (!row) return;
  const { conversation } = row;
  if (row.messageId) {
    const message = toMessageDto(await db.message.findUniqueOrThrow({ where: { id: row.messageId }, select: messageSelect }));
    publishAgentEvent("message:updated", { assigneeId: conversation.assigneeId, message });
    publishCustomerEvent("message:updated", conversation.contactId, { conversationId: conversation.id, message: toCustomerMessage(message, await webchatEntryOf(conversation.id)) });
    return;
  }
  if (row.uploaderUserId) {
    publishAgentEvent("attachment:updated", { userId: row.uploaderUserId, conversationId: conversation.id, attachment: toAttachmentDto(row) });
    return;
  }
  const entry = await webchatEntryOf(conversation.id);
  if (entry) publishCustomerEvent("attachment:updated", conversation.contactId, { conversationId: conversation.id, attachment: customerAttachmentFromRow(row, entry) });
}
