/**
 * The shapes of conversations, messages and notes that leave the server
 * (pages, /api/v1, socket events). Dates travel as ISO strings.
 */
import type { Channel, ConversationStatus, MessageDirection, MessageStatus } from "../generated/prisma/enums";
import { attachmentSelect, toAttachmentDto, toCustomerAttachment, type AttachmentDto, type AttachmentRow } from "../files/attachment-dto";

export type { AttachmentDto } from "../files/attachment-dto";

export interface CustomerDto {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

export interface PicklistItemDto {
  id: string;
  queueId: string;
  queueName: string;
  channel: Channel;
  customer: CustomerDto;
  preview: string;
  arrivedAt: string;
  windowExpiresAt: string | null;
}

export interface ConversationSummaryDto extends PicklistItemDto {
  status: ConversationStatus;
  assigneeId: string | null;
  pickedAt: string | null;
  lastMessageAt: string;
  lastSeq: number;
  unread: number;
  endedAt: string | null;
}

export interface MessageDto {
  id: string;
  conversationId: string;
  seq: number;
  direction: MessageDirection;
  body: string;
  status: MessageStatus;
  authorName: string | null;
  clientMessageId: string | null;
  failureCode: string | null;
  failureReason: string | null;
  createdAt: string;
  /** Files sent with the message (only validated, accepted files are ever linked). */
  attachments: AttachmentDto[];
}

export interface NoteDto {
  id: string;
  conversationId: string;
  body: string;
  authorId: string;
  authorName: string;
  createdAt: string;
}

/** What a customer may see of a message: no author ids, no internal fields. */
export interface CustomerMessageDto {
  id: string;
  seq: number;
  direction: MessageDirection;
  body: string;
  status: MessageStatus;
  authorName: string | null;
  clientMessageId: string | null;
  createdAt: string;
  attachments: AttachmentDto[];
}

export const summarySelect = {
  id: true,
  queueId: true,
  channel: true,
  status: true,
  assigneeId: true,
  pickedAt: true,
  arrivedAt: true,
  lastMessageAt: true,
  lastSeq: true,
  preview: true,
  windowExpiresAt: true,
  endedAt: true,
  queue: { select: { name: true } },
  contact: { select: { id: true, name: true, email: true, phone: true } },
} as const;

export interface SummaryRow {
  id: string;
  queueId: string;
  channel: Channel;
  status: ConversationStatus;
  assigneeId: string | null;
  pickedAt: Date | null;
  arrivedAt: Date;
  lastMessageAt: Date;
  lastSeq: number;
  preview: string;
  windowExpiresAt: Date | null;
  endedAt: Date | null;
  queue: { name: string };
  contact: CustomerDto;
}

export function toSummaryDto(row: SummaryRow, unread = 0): ConversationSummaryDto {
  return {
    id: row.id,
    queueId: row.queueId,
    queueName: row.queue.name,
    channel: row.channel,
    status: row.status,
    customer: row.contact,
    preview: row.preview,
    arrivedAt: row.arrivedAt.toISOString(),
    windowExpiresAt: row.windowExpiresAt?.toISOString() ?? null,
    assigneeId: row.assigneeId,
    pickedAt: row.pickedAt?.toISOString() ?? null,
    lastMessageAt: row.lastMessageAt.toISOString(),
    lastSeq: row.lastSeq,
    unread,
    endedAt: row.endedAt?.toISOString() ?? null,
  };
}

export function toPicklistItem(summary: ConversationSummaryDto): PicklistItemDto {
  const { id, queueId, queueName, channel, customer, preview, arrivedAt, windowExpiresAt } = summary;
  return { id, queueId, queueName, channel, customer, preview, arrivedAt, windowExpiresAt };
}

export const messageSelect = {
  id: true,
  conversationId: true,
  seq: true,
  direction: true,
  body: true,
  status: true,
  clientMessageId: true,
  failureCode: true,
  failureReason: true,
  createdAt: true,
  author: { select: { name: true } },
  attachments: { select: attachmentSelect, orderBy: { createdAt: "asc" } },
} as const;

export interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  direction: MessageDirection;
  body: string;
  status: MessageStatus;
  clientMessageId: string | null;
  failureCode: string | null;
  failureReason: string | null;
  createdAt: Date;
  author: { name: string } | null;
  attachments: AttachmentRow[];
}

export function toMessageDto(row: MessageRow): MessageDto {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    direction: row.direction,
    body: row.body,
    status: row.status,
    authorName: row.author?.name ?? null,
    clientMessageId: row.clientMessageId,
    failureCode: row.failureCode,
    failureReason: row.failureReason,
    createdAt: row.createdAt.toISOString(),
    attachments: row.attachments.map(toAttachmentDto),
  };
}

/**
 * What the customer sees. File links go through the customer's web-chat entry
 * point (its route checks their token); without one (SMS, WhatsApp) the files
 * travel through the provider instead.
 */
export function toCustomerMessage(message: MessageDto, entry: string | null): CustomerMessageDto {
  const { id, seq, direction, body, status, authorName, clientMessageId, createdAt } = message;
  const attachments = entry ? message.attachments.map((a) => toCustomerAttachment(a, entry)) : [];
  // Customers see the agent's first name only.
  return { id, seq, direction, body, status, authorName: authorName ? authorName.split(" ")[0] ?? null : null, clientMessageId: direction === "INBOUND" ? clientMessageId : null, createdAt, attachments };
}
