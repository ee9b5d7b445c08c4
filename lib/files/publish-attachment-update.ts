/**
 * Tells whoever waits for a checked file: the agent who uploaded it, the
 * web-chat customer who uploaded it, or, for a channel's inbound media
 * already on a message, everyone who sees that message.
 */
import { db } from "../db";
import { messageSelect, toCustomerMessage, toMessageDto } from "../conversations/dto";
import { publishAgentEvent, publishCustomerEvent } from "../realtime/bus";
import { webchatEntryOf } from "../webchat/webchat-entry-of";
import { attachmentSelect, customerAttachmentFromRow, toAttachmentDto, type AttachmentRow } from "./attachment-dto";
import { publishRoomMessageUpdate } from "../rooms/publish";
import { roomMessageById } from "../rooms/room-message-by-id";

export async function publishAttachmentUpdate(options: { attachmentId: string }): Promise<void> {
  const row = await db.attachment.findUnique({
    where: { id: options.attachmentId },
    select: { ...attachmentSelect, uploaderUserId: true, messageId: true, roomId: true, roomMessageId: true, conversation: { select: { id: true, contactId: true, assigneeId: true, channel: true } } },
  });
  if (!row) return;
  if (row.roomId) return publishRoomAttachmentUpdate({ ...row, roomId: row.roomId });
  const { conversation } = row;
  if (!conversation) return;
  if (row.messageId) {
    const message = toMessageDto(await db.message.findUniqueOrThrow({ where: { id: row.messageId }, select: messageSelect }));
    publishAgentEvent("message:updated", { assigneeId: conversation.assigneeId, message });
    publishCustomerEvent("message:updated", conversation, { conversationId: conversation.id, message: toCustomerMessage(message, await webchatEntryOf(conversation.id)) });
    return;
  }
  if (row.uploaderUserId) {
    publishAgentEvent("attachment:updated", { userId: row.uploaderUserId, conversationId: conversation.id, roomId: null, attachment: toAttachmentDto(row) });
    return;
  }
  const entry = await webchatEntryOf(conversation.id);
  if (entry) publishCustomerEvent("attachment:updated", conversation, { conversationId: conversation.id, attachment: customerAttachmentFromRow(row, entry) });
}

/** A widget conversation's file: the uploader hears the verdict; once on a message, the members see the message change. */
async function publishRoomAttachmentUpdate(row: AttachmentRow & { roomId: string; roomMessageId: string | null; uploaderUserId: string | null }): Promise<void> {
  if (row.roomMessageId) return publishRoomMessageUpdate(await roomMessageById(row.roomMessageId));
  if (row.uploaderUserId) publishAgentEvent("attachment:updated", { userId: row.uploaderUserId, conversationId: null, roomId: row.roomId, attachment: toAttachmentDto(row) });
}
