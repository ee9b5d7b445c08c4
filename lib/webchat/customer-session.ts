/**
 * Everything a web-chat customer does goes through their token: it names one
 * contact and one entry point, and they see only that contact's conversation
 * there, and only customer-visible fields (never notes, never agent ids).
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { toCustomerMessage, type CustomerMessageDto } from "../conversations/dto";
import { readMessagePage } from "../messages/list-messages";
import { receiveCustomerMessage } from "../messages/receive-customer-message";
import { MAX_MESSAGE_LENGTH } from "../messages/limits";
import { MAX_ATTACHMENTS } from "../files/link-attachments";
import { publishAgentEvent, publishCustomerEvent } from "../realtime/bus";
import { messageSelect, toMessageDto } from "../conversations/dto";
import { verifyCustomerToken, type CustomerClaims } from "./customer-token";
import { findWebchatEntry } from "./find-entry";
import { webchatEntryFor, webchatEntryOf } from "./webchat-entry-of";

export async function requireCustomer(entrySlug: string, token: string | null): Promise<CustomerClaims> {
  const claims = verifyCustomerToken(token);
  const entry = await findWebchatEntry(entrySlug);
  if (!claims || claims.addressId !== entry.id) throw new AppError("UNAUTHENTICATED", "Your chat session has expired. Start a new chat.");
  return claims;
}

export interface CustomerChatState {
  customer: { name: string; email: string | null };
  conversation: { id: string; status: "open" | "ended"; lastSeq: number } | null;
  messages: CustomerMessageDto[];
}

/** The customer's current conversation (open, or the last one so they see that it ended), from a sequence number on. */
export async function getCustomerChat(claims: CustomerClaims, afterSeq?: number): Promise<CustomerChatState> {
  const contact = await db.contact.findUniqueOrThrow({ where: { id: claims.contactId }, select: { name: true, email: true } });
  const conversation = await db.conversation.findFirst({
    where: { contactId: claims.contactId, channelAddressId: claims.addressId },
    orderBy: { arrivedAt: "desc" },
    select: { id: true, status: true, lastSeq: true },
  });
  if (!conversation) return { customer: contact, conversation: null, messages: [] };
  const entry = await db.channelAddress.findUniqueOrThrow({ where: { id: claims.addressId }, select: { address: true } });
  const page = await readMessagePage(conversation.id, conversation.lastSeq, { afterSeq, limit: 200 });
  return {
    customer: contact,
    conversation: { id: conversation.id, status: conversation.status === "ENDED" ? "ended" : "open", lastSeq: conversation.lastSeq },
    messages: page.messages.map((message) => toCustomerMessage(message, entry.address)),
  };
}

export const customerMessageInputSchema = z
  .object({
    clientMessageId: z.string().trim().min(8, "clientMessageId must be a unique id of at least 8 characters (a UUID).").max(100),
    body: z.string().max(MAX_MESSAGE_LENGTH, `A message can be at most ${MAX_MESSAGE_LENGTH} characters.`),
    /** Files uploaded to this conversation and accepted by the validation worker. */
    attachmentIds: z.array(z.string().min(1).max(100)).max(MAX_ATTACHMENTS, `At most ${MAX_ATTACHMENTS} files per message.`).optional(),
  })
  .refine((input) => input.body.trim().length > 0 || (input.attachmentIds?.length ?? 0) > 0, { message: "Write a message before sending.", path: ["body"] });

export async function sendCustomerMessage(claims: CustomerClaims, input: CustomerMessageInput, options: { askingSocketId?: string } = {}): Promise<{ conversationId: string; message: CustomerMessageDto }> {
  const received = await receiveCustomerMessage({
    askingSocketId: options.askingSocketId,
    contactId: claims.contactId,
    channelAddressId: claims.addressId,
    body: input.body,
    clientMessageId: input.clientMessageId,
    attachmentIds: input.attachmentIds,
  });
  return { conversationId: received.conversationId, message: toCustomerMessage(received.message, await webchatEntryFor(received.conversationId, received.message)) };
}

export type CustomerMessageInput = z.infer<typeof customerMessageInputSchema>;

export const customerReadInputSchema = z.object({ conversationId: z.string().min(1), upToSeq: z.number().int().min(1) });

/** The customer has seen the agent's messages up to a sequence number: they become "read" for the agent. */
export async function markReadByCustomer(claims: CustomerClaims, input: z.infer<typeof customerReadInputSchema>): Promise<{ updated: number }> {
  const conversation = await db.conversation.findFirst({
    where: { id: input.conversationId, contactId: claims.contactId, channelAddressId: claims.addressId },
    select: { id: true, assigneeId: true },
  });
  if (!conversation) throw new AppError("NOT_FOUND", "That conversation does not exist.");
  // One statement marks them and says which: a concurrent read of the same messages cannot report them twice.
  const marked = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "Message" SET status = 'READ', "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE "conversationId" = ${conversation.id} AND direction = 'OUTBOUND' AND seq <= ${input.upToSeq} AND status IN ('SENT', 'DELIVERED')
    RETURNING id`;
  if (marked.length === 0) return { updated: 0 };
  const updated = await db.message.findMany({ where: { id: { in: marked.map((r) => r.id) } }, select: messageSelect, orderBy: { seq: "asc" } });
  const entry = updated.some((row) => row.attachments.length) ? await webchatEntryOf(conversation.id) : null;
  for (const row of updated) {
    const message = toMessageDto(row);
    publishAgentEvent("message:updated", { assigneeId: conversation.assigneeId, message });
    publishCustomerEvent("message:updated", { contactId: claims.contactId, channel: "WEBCHAT" }, { conversationId: conversation.id, message: toCustomerMessage(message, entry) });
  }
  return { updated: updated.length };
}
