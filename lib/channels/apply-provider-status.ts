/**
 * A delivery status from a provider (callback or webhook). Applied with a
 * conditional UPDATE so a late or repeated status never moves a message
 * backwards; the message id echoed by the provider reconciles a send whose
 * answer we never recorded (a worker crash between the call and the commit).
 */
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { publishAgentEvent } from "../realtime/bus";
import { messageSelect, toMessageDto } from "../conversations/dto";
import type { ChannelModule, StatusEvent } from "./types";
import { isOptOut, sentItemMatch, statusUpdate } from "./status-update";
import { deliverToCustomer } from "./deliver-to-customer";

export async function applyProviderStatus(channelModule: ChannelModule, companyId: string, event: StatusEvent): Promise<boolean> {
  const where: Prisma.MessageWhereInput = {
    conversation: { companyId },
    OR: sentItemMatch(channelModule, event),
  };
  const message = await db.message.findFirst({ where, select: { id: true, conversationId: true } });
  if (!message) return false;
  const update = statusUpdate(channelModule, event);
  const { count } = await db.message.updateMany({ where: { id: message.id, ...update.where }, data: update.data });
  if (count === 0) return false;
  if (isOptOut(channelModule, event)) await markOptedOut(message.conversationId);
  await publishMessageUpdate(message.id);
  return true;
}

export async function markOptedOut(conversationId: string): Promise<void> {
  const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { contactId: true } });
  await db.contact.updateMany({ where: { id: conversation.contactId, optedOutAt: null }, data: { optedOutAt: new Date() } });
}

/** Re-reads a message after a change and tells the agents (and the customer's page, if any). */
export async function publishMessageUpdate(messageId: string): Promise<void> {
  const row = await db.message.findUniqueOrThrow({ where: { id: messageId }, select: { ...messageSelect, conversation: { select: { id: true, assigneeId: true, contactId: true, channel: true } } } });
  const message = toMessageDto(row);
  publishAgentEvent("message:updated", { assigneeId: row.conversation.assigneeId, message });
  await deliverToCustomer(row.conversation, message, "updated");
}
