/**
 * A delivery status from a provider (callback or webhook). Applied with a
 * conditional UPDATE so a late or repeated status never moves a message
 * backwards; the message id echoed by the provider reconciles a send whose
 * answer we never recorded (a worker crash between the call and the commit).
 */
import { db, RELAXED_COMMIT } from "../db";
import { Prisma } from "../generated/prisma/client";
import { publishAgentEvent } from "../realtime/bus";
import { messageSelect, toMessageDto } from "../conversations/dto";
import type { ChannelModule, StatusEvent } from "./types";
import { isOptOut, sentItemMatch, statusUpdate } from "./status-update";
import { deliverToCustomer } from "./deliver-to-customer";
import { updateMessagesReturning, type UpdatedMessage } from "../messages/update-message-returning";

/**
 * One statement finds the message (by the provider's id, or ours echoed back before we recorded theirs) and moves
 * its status forward; false when no message of this company matches or the status would not move it forward.
 */
export async function applyProviderStatus(channelModule: ChannelModule, companyId: string, event: StatusEvent): Promise<boolean> {
  const { where, data } = statusUpdate(channelModule, event);
  const [echoed] = sentItemMatch(channelModule, event).slice(1);
  const failure = "failureCode" in data ? Prisma.sql`, "failureCode" = ${data.failureCode}, "failureReason" = ${data.failureReason}` : Prisma.empty;
  const [updated] = await updateMessagesReturning(
    Prisma.sql`
      UPDATE "Message" AS m
      SET status = ${data.status}::"MessageStatus", provider = ${data.provider}, "providerMessageId" = ${data.providerMessageId},
          "updatedAt" = (now() AT TIME ZONE 'UTC') ${failure}
      FROM relaxed_commit, "Conversation" AS c
      WHERE c.id = m."conversationId" AND c."companyId" = ${companyId}
        AND ((m.provider = ${channelModule.provider} AND m."providerMessageId" = ${event.providerMessageId})
          ${echoed ? Prisma.sql`OR (m.id = ${echoed.id} AND m."providerMessageId" IS NULL)` : Prisma.empty})
        AND m.status::text = ANY(${where.status.in}::text[])
      RETURNING m.*`,
    RELAXED_COMMIT,
  );
  if (!updated) return false;
  if (isOptOut(channelModule, event)) await markOptedOut(updated.conversation.id);
  await publishMessageChange(updated);
  return true;
}

export async function markOptedOut(conversationId: string): Promise<void> {
  const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { contactId: true } });
  await db.contact.updateMany({ where: { id: conversation.contactId, optedOutAt: null }, data: { optedOutAt: new Date() } });
}

/** Tells the agents (and the customer's page, if any) about a changed message. */
export async function publishMessageChange({ message, conversation }: UpdatedMessage): Promise<void> {
  publishAgentEvent("message:updated", { assigneeId: conversation.assigneeId, message });
  await deliverToCustomer(conversation, message, "updated");
}

/** Re-reads a message after a change made elsewhere and publishes it. */
export async function publishMessageUpdate(messageId: string): Promise<void> {
  const row = await db.message.findUniqueOrThrow({ where: { id: messageId }, select: { ...messageSelect, conversation: { select: { id: true, assigneeId: true, contactId: true, channel: true } } } });
  await publishMessageChange({ message: toMessageDto(row), conversation: row.conversation });
}
