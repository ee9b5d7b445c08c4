/**
 * An agent's reply: checked against the channel's rules first (opted-out
 * customers, WhatsApp's 24-hour window), stored once per clientMessageId with
 * the next sequence number (the outbox), acknowledged with the stored
 * message, then handed to the customer's channel. A resend after a timeout
 * returns the same message.
 */
import { z } from "zod";
import { format } from "date-fns";
import type { Channel } from "../generated/prisma/enums";
import { db, queryRows } from "../db";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { publishAgentEvent } from "../realtime/bus";
import { requireAssignedToMe } from "../conversations/require-assignee";
import { deliverToCustomer, type CustomerTarget } from "../channels/deliver-to-customer";
import { messageSelect, toMessageDto, type MessageDto } from "../conversations/dto";
import { MAX_ATTACHMENTS } from "../files/link-attachments";
import { appendMessage, type AppendMessageInput } from "./append-message";
import { storeReply } from "./store-reply";
import { appendWithAttachments } from "./append-with-attachments";
import { MAX_MESSAGE_LENGTH } from "./limits";

export const sendMessageInputSchema = z
  .object({
    clientMessageId: z.string().trim().min(8, "clientMessageId must be a unique id of at least 8 characters (a UUID).").max(100),
    body: z.string().max(MAX_MESSAGE_LENGTH, `A message can be at most ${MAX_MESSAGE_LENGTH} characters.`).optional(),
    /** WhatsApp: send this approved template instead of free text. */
    templateName: z.string().trim().min(1).max(100).optional(),
    /** Files uploaded to this conversation and accepted by the validation worker. */
    attachmentIds: z.array(z.string().min(1).max(100)).max(MAX_ATTACHMENTS, `At most ${MAX_ATTACHMENTS} files per message.`).optional(),
  })
  .refine((input) => Boolean(input.templateName) || (input.body ?? "").trim().length > 0 || (input.attachmentIds?.length ?? 0) > 0, {
    message: "Write a message before sending.",
    path: ["body"],
  });
export type SendMessageInput = z.infer<typeof sendMessageInputSchema>;

export async function sendAgentMessage(options: {
  principal: Principal;
  conversationId: string;
  input: SendMessageInput;
  /** The socket that asked (socket.io request): its acknowledgement carries the message, so it is spared "message:created". */
  askingSocketId?: string;
}): Promise<MessageDto> {
  const { principal, conversationId, input, askingSocketId } = options;
  const deliverReply = (conversation: CustomerTarget, message: MessageDto) => deliverNewReply({ principal, conversation, message, askingSocketId });
  if (!input.templateName && !input.attachmentIds?.length) {
    const stored = await storeReply({ principal, conversationId, clientMessageId: input.clientMessageId, body: input.body ?? "" });
    if (stored) return stored.conversation ? deliverReply({ id: conversationId, ...stored.conversation }, stored.message) : stored.message;
  }
  // A template, files, or a reply the one statement did not store: read the conversation and say why, or store it.
  const conversation = await assignedConversationForSend(principal, conversationId, input.clientMessageId);
  // A resend (same clientMessageId) is answered with the stored message, without re-checking the channel's rules
  // (a WhatsApp window may have closed since).
  if (conversation.earlierMessageId) {
    return toMessageDto(await db.message.findUniqueOrThrow({ where: { id: conversation.earlierMessageId }, select: messageSelect }));
  }
  const body = await checkChannelRules(conversation, input, principal.companyId);

  const draft: AppendMessageInput = {
    ...replyDraft(principal, conversationId, input),
    body,
    // Web chat reaches the customer's page directly; other channels wait in the outbox for their worker.
    status: conversation.channel === "WEBCHAT" ? "SENT" : "QUEUED",
    templateName: input.templateName ?? null,
    duplicateChecked: true,
  };
  const attachmentIds = input.templateName ? [] : (input.attachmentIds ?? []);
  const { message, created } = attachmentIds.length
    ? await appendWithAttachments(draft, { attachmentIds, senderUserId: principal.userId, recipientCompanyId: conversation.companyId })
    : await appendMessage(draft);
  return created ? deliverReply(conversation, message) : message;
}

function replyDraft(principal: Principal, conversationId: string, input: SendMessageInput) {
  return { conversationId, direction: "OUTBOUND", body: input.body ?? "", authorUserId: principal.userId, clientMessageId: input.clientMessageId } as const;
}

/** A new reply goes to the customer's channel, and to the agent's other tabs (and anyone watching the conversation). */
async function deliverNewReply(options: { principal: Principal; conversation: CustomerTarget; message: MessageDto; askingSocketId?: string }): Promise<MessageDto> {
  const { principal, conversation, message, askingSocketId } = options;
  // The customer's channel first (a web-chat page, or the outbound queue): that is the delivery being waited for.
  // The agent's other tabs hear of the message even if queueing failed (the outbox sweep sends it later).
  try {
    await deliverToCustomer(conversation, message);
  } finally {
    publishAgentEvent("message:created", { assigneeId: principal.userId, message }, { exceptSocketId: askingSocketId });
  }
  return message;
}

interface ConversationForSend {
  id: string;
  companyId: string;
  channel: Channel;
  contactId: string;
  windowExpiresAt: Date | null;
  contact: { name: string; optedOutAt: Date | null };
  /** An earlier send of the same clientMessageId. */
  earlierMessageId: string | null;
}

/**
 * The conversation as a reply needs it, with any earlier send of the same message, in one plain query: every
 * reply pays for this read, and a nested Prisma select (conversation, contact, messages) costs several times
 * more CPU. Only for the agent who has it picked; anything else is explained by requireAssignedToMe.
 */
async function assignedConversationForSend(principal: Principal, conversationId: string, clientMessageId: string): Promise<ConversationForSend> {
  const read = async () => {
    const [row] = await queryRows<Omit<ConversationForSend, "contact"> & { contactName: string; contactOptedOutAt: Date | null }>(Prisma.sql`
      SELECT c.id, c."companyId", c.channel::text AS channel, c."contactId", c."windowExpiresAt", k.name AS "contactName", k."optedOutAt" AS "contactOptedOutAt",
        (SELECT m.id FROM "Message" AS m WHERE m."conversationId" = c.id AND m."clientMessageId" = ${clientMessageId}) AS "earlierMessageId"
      FROM "Conversation" AS c JOIN "Contact" AS k ON k.id = c."contactId"
      WHERE c.id = ${conversationId} AND c."companyId" = ${principal.companyId} AND c.status = 'ACTIVE' AND c."assigneeId" = ${principal.userId}`);
    if (!row) return null;
    const { contactName, contactOptedOutAt, ...conversation } = row;
    return { ...conversation, contact: { name: contactName, optedOutAt: contactOptedOutAt } };
  };
  const conversation = await read();
  if (conversation) return conversation;
  // Not this agent's active conversation: not found, ended, or someone else's. This says which, and throws.
  await requireAssignedToMe(principal, conversationId);
  // It became theirs between the two reads (their pick had just landed).
  const now = await read();
  if (!now) throw new AppError("CONFLICT", "This conversation changed while you were sending. Try again.");
  return now;
}

type ConversationForRules = { id: string; channel: string; contactId: string; windowExpiresAt: Date | null; contact: { name: string; optedOutAt: Date | null } };

/** Refuses, before anything is stored or queued, what the channel would not deliver; returns the text to store. */
async function checkChannelRules(conversation: ConversationForRules, input: SendMessageInput, companyId: string): Promise<string> {
  if (conversation.channel === "WEBCHAT") {
    if (input.templateName) throw new AppError("VALIDATION", "Templates are for WhatsApp conversations.");
    return input.body ?? "";
  }
  const { contact } = conversation;
  if (contact.optedOutAt) {
    throw new AppError("CONFLICT", `This customer opted out of messages on ${format(contact.optedOutAt, "d MMM yyyy")}. They must opt in again (e.g. text START) before you can write to them.`);
  }
  if (conversation.channel !== "WHATSAPP") {
    if (input.templateName) throw new AppError("VALIDATION", "Templates are for WhatsApp conversations.");
    return input.body ?? "";
  }
  if (input.templateName) {
    const template = await db.messageTemplate.findFirst({ where: { companyId, name: input.templateName }, select: { body: true } });
    if (!template) throw new AppError("VALIDATION", `There is no approved template called "${input.templateName}".`);
    return template.body.replaceAll("{{1}}", contact.name);
  }
  const windowOpen = conversation.windowExpiresAt !== null && conversation.windowExpiresAt.getTime() > Date.now();
  if (!windowOpen) {
    const closed = conversation.windowExpiresAt ? ` It closed on ${format(conversation.windowExpiresAt, "d MMM HH:mm")}.` : "";
    throw new AppError("CONFLICT", `The 24-hour WhatsApp window is closed: WhatsApp only delivers an approved template until the customer writes again.${closed}`);
  }
  return input.body ?? "";
}
