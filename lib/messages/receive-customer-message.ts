/**
 * A customer's message from any channel: routed into their open conversation
 * (or a new one in the address's queue), stored once, delivered live to the
 * agents, and echoed to the customer's other web-chat tabs.
 */
import { db, queryRows } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { Channel, ConversationStatus } from "../generated/prisma/enums";
import { publishAgentEvent, publishCustomerEvent } from "../realtime/bus";
import { openConversation } from "../conversations/open-conversation";
import { placeInQueue } from "../conversations/place-in-queue";
import { messageSelect, toCustomerMessage, toMessageDto, type MessageDto } from "../conversations/dto";
import { linkAttachments } from "../files/link-attachments";
import { webchatEntryFor } from "../webchat/webchat-entry-of";
import { appendMessage, ConversationEnded, type AppendMessageInput } from "./append-message";

/** WhatsApp's customer-service window: free-form replies are allowed for 24 hours after the customer writes. */
const CUSTOMER_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface ReceiveCustomerMessageInput {
  contactId: string;
  channelAddressId: string;
  body: string;
  clientMessageId?: string;
  provider?: string;
  providerMessageId?: string;
  /** Web chat: files the customer uploaded to this conversation, accepted by the validation worker. */
  attachmentIds?: string[];
  /** SMS/WhatsApp media follow the message (fetched by the caller); only the picklist preview needs to know. */
  hasMedia?: boolean;
  /** Web chat: the customer's socket that sent it (socket.io request) has it in its answer, and is spared "message:created". */
  askingSocketId?: string;
}

export interface ReceivedMessage {
  conversationId: string;
  message: MessageDto;
  created: boolean;
}

export async function receiveCustomerMessage(input: ReceiveCustomerMessageInput): Promise<ReceivedMessage> {
  const { conversation, appended } = (input.attachmentIds?.length ? null : await appendToOpenConversation(input)) ?? (await receiveUnderLock(input));
  if (appended.created) {
    publishAgentEvent("message:created", { assigneeId: conversation.assigneeId, message: appended.message });
    publishCustomerEvent("message:created", { contactId: input.contactId, channel: conversation.channel }, { conversationId: conversation.id, message: toCustomerMessage(appended.message, await webchatEntryFor(conversation.id, appended.message)) }, { exceptSocketId: input.askingSocketId });
    if (conversation.created) await placeInQueue(conversation.id);
  }
  return { conversationId: conversation.id, message: appended.message, created: appended.created };
}

interface OpenConversation {
  id: string;
  status: ConversationStatus;
  assigneeId: string | null;
  queueId: string;
  companyId: string;
  channel: Channel;
}

/**
 * Every later message: the customer's open conversation already exists, so the
 * message is one statement on it, with no lock or transaction. If it ended in
 * between, nothing is stored and the locked path opens a new conversation.
 */
async function appendToOpenConversation(input: ReceiveCustomerMessageInput) {
  // A plain query: every customer message pays for this read (a Prisma model query costs about twice the CPU).
  const [open] = await queryRows<OpenConversation>(Prisma.sql`
    SELECT id, status::text AS status, "assigneeId", "queueId", "companyId", channel::text AS channel
    FROM "Conversation"
    WHERE "contactId" = ${input.contactId} AND "channelAddressId" = ${input.channelAddressId} AND status <> 'ENDED'
    ORDER BY "arrivedAt" DESC
    LIMIT 1`);
  if (!open) return null;
  try {
    const appended = await appendMessage({ ...draftFor(input, open.id, open.channel), unlessEnded: true });
    return { conversation: { ...open, created: false }, appended };
  } catch (error) {
    if (error instanceof ConversationEnded) return null;
    throw error;
  }
}

function draftFor(input: ReceiveCustomerMessageInput, conversationId: string, channel: string): AppendMessageInput {
  return {
    conversationId,
    direction: "INBOUND",
    body: input.body,
    status: "RECEIVED",
    clientMessageId: input.clientMessageId,
    provider: input.provider,
    providerMessageId: input.providerMessageId,
    customerWindowMs: channel === "WHATSAPP" ? CUSTOMER_WINDOW_MS : undefined,
  };
}

/** The first message (or one with files): opens the conversation under a per-customer lock, in one transaction with the message. */
async function receiveUnderLock(input: ReceiveCustomerMessageInput) {
  return db.$transaction(async (tx) => {
    const preview = input.body.trim() || (input.attachmentIds?.length || input.hasMedia ? "📎 File" : "");
    const conversation = await openConversation(tx, { contactId: input.contactId, channelAddressId: input.channelAddressId, preview });
    const appended = await appendMessage(draftFor(input, conversation.id, conversation.channel), tx);
    if (appended.created && input.attachmentIds?.length) {
      // Linked in the message's transaction: a file that is not ready cancels the whole message.
      await linkAttachments(tx, { conversationId: conversation.id, messageId: appended.message.id, attachmentIds: input.attachmentIds, senderUserId: null, recipientCompanyId: conversation.companyId });
      const row = await tx.message.findUniqueOrThrow({ where: { id: appended.message.id }, select: messageSelect });
      return { conversation, appended: { created: true, message: toMessageDto(row) } };
    }
    return { conversation, appended };
  });
}
