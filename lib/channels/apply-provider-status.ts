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
import { updateFoundMessagesReturning, type UpdatedMessage } from "../messages/update-message-returning";

/** What a provider status did: moved a message forward, matched one it would not move, or matched no message. */
export type StatusOutcome = "applied" | "stale" | "no-message";

/**
 * One statement finds the message (by the provider's id, or ours echoed back before we recorded theirs) and moves
 * its status forward, and tells a status that would not move it ("sent" after we recorded the send) from one about
 * no message of this company (a group-SMS delivery, for instance).
 */
export async function applyProviderStatus(channelModule: ChannelModule, companyId: string, event: StatusEvent): Promise<StatusOutcome> {
  const { where, data } = statusUpdate(channelModule, event);
  const [echoed] = sentItemMatch(channelModule, event).slice(1);
  const failure = "failureCode" in data ? Prisma.sql`, "failureCode" = ${data.failureCode}, "failureReason" = ${data.failureReason}` : Prisma.empty;
  const { found, updated: [updated] } = await updateFoundMessagesReturning(
    Prisma.sql`
      UPDATE "Message" AS m
      SET status = ${data.status}::"MessageStatus", provider = ${data.provider}, "providerMessageId" = ${data.providerMessageId},
          "updatedAt" = (now() AT TIME ZONE 'UTC') ${failure}
      FROM relaxed_commit, found
      WHERE m.id = found.id AND m.status::text = ANY(${where.status.in}::text[])
      RETURNING m.*`,
    Prisma.sql`${RELAXED_COMMIT}, found AS (
      SELECT m.id FROM "Message" AS m JOIN "Conversation" AS c ON c.id = m."conversationId"
      WHERE c."companyId" = ${companyId}
        AND ((m.provider = ${channelModule.provider} AND m."providerMessageId" = ${event.providerMessageId})
          ${echoed ? Prisma.sql`OR (m.id = ${echoed.id} AND m."providerMessageId" IS NULL)` : Prisma.empty}))`,
  );
  if (!updated) return found ? "stale" : "no-message";
  if (isOptOut(channelModule, event)) await markOptedOut(updated.conversation.id);
  await publishMessageChange(updated);
  return "applied";
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
