/**
 * A customer's message from any channel: routed into their open conversation
 * (or a new one in the address's queue), stored once, delivered live to the
 * agents, and echoed to the customer's other web-chat tabs.
 */
import { db } from "../db";
import { publishAgentEvent, publishCustomerEvent } from "../realtime/bus";
import { openConversation } from "../conversations/open-conversation";
import { placeInQueue } from "../conversations/place-in-queue";
import { toCustomerMessage, type MessageDto } from "../conversations/dto";
import { appendMessage } from "./append-message";

/** WhatsApp's customer-service window: free-form replies are allowed for 24 hours after the customer writes. */
const CUSTOMER_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface ReceiveCustomerMessageInput {
  contactId: string;
  channelAddressId: string;
  body: string;
  clientMessageId?: string;
  provider?: string;
  providerMessageId?: string;
}

export interface ReceivedMessage {
  conversationId: string;
  message: MessageDto;
  created: boolean;
}

export async function receiveCustomerMessage(input: ReceiveCustomerMessageInput): Promise<ReceivedMessage> {
  const { conversation, appended } = await db.$transaction(async (tx) => {
    const conversation = await openConversation(tx, { contactId: input.contactId, channelAddressId: input.channelAddressId, preview: input.body });
    const appended = await appendMessage(
      {
        conversationId: conversation.id,
        direction: "INBOUND",
        body: input.body,
        status: "RECEIVED",
        clientMessageId: input.clientMessageId,
        provider: input.provider,
        providerMessageId: input.providerMessageId,
        conversationUpdate: conversation.channel === "WHATSAPP" ? { windowExpiresAt: new Date(Date.now() + CUSTOMER_WINDOW_MS) } : undefined,
      },
      tx,
    );
    return { conversation, appended };
  });

  if (appended.created) {
    publishAgentEvent("message:created", { assigneeId: conversation.assigneeId, message: appended.message });
    publishCustomerEvent("message:created", input.contactId, { conversationId: conversation.id, message: toCustomerMessage(appended.message) });
    if (conversation.created) await placeInQueue(conversation.id);
  }
  return { conversationId: conversation.id, message: appended.message, created: appended.created };
}
