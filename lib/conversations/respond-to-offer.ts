/**
 * The offered agent accepts or declines; a timer may expire the offer. Each is
 * one conditional UPDATE on (status OFFERED, offeredTo this agent), so a late
 * timer after an accept, or a double click, changes nothing.
 */
import type { ConversationEventType } from "../generated/prisma/enums";
import { db } from "../db";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { publishAgentEvent, publishQueueChanged } from "../realtime/bus";
import { findVisibleConversation } from "./access";
import { loadSummary } from "./load-summary";
import { placeInQueue } from "./place-in-queue";
import type { ConversationSummaryDto } from "./dto";

const NO_OFFER = "This offer is no longer open (it was accepted, declined or timed out).";

export async function acceptOffer(options: { principal: Principal; conversationId: string }): Promise<ConversationSummaryDto> {
  const { principal, conversationId } = options;
  const conversation = await findVisibleConversation(principal, conversationId, { queueId: true });
  const now = new Date();
  const accepted = await db.$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversationId, status: "OFFERED", offeredToId: principal.userId },
      data: { status: "ACTIVE", assigneeId: principal.userId, pickedAt: now, offeredToId: null, offerExpiresAt: null },
    });
    if (count === 1) await tx.conversationEvent.create({ data: { conversationId, type: "ACCEPTED", actorId: principal.userId, createdAt: now } });
    return count === 1;
  });
  if (!accepted) throw new AppError("CONFLICT", NO_OFFER);
  const summary = await loadSummary(conversationId, principal.userId);
  publishAgentEvent("offer:withdrawn", { userId: principal.userId, conversationId, reason: "accepted" });
  publishAgentEvent("conversation:assigned", { userId: principal.userId, conversation: summary });
  publishQueueChanged(principal.companyId, conversation.queueId);
  return summary;
}

export async function declineOffer(options: { principal: Principal; conversationId: string }): Promise<void> {
  const { principal, conversationId } = options;
  await findVisibleConversation(principal, conversationId, { id: true });
  const declined = await releaseOffer(conversationId, principal.userId, "DECLINED", principal.userId);
  if (!declined) throw new AppError("CONFLICT", NO_OFFER);
  publishAgentEvent("offer:withdrawn", { userId: principal.userId, conversationId, reason: "declined" });
  await placeInQueue(conversationId);
}

/** Called by the offer-timeout job. Does nothing when the offer was already answered. */
export async function expireOffer(input: { conversationId: string; offeredToId: string }): Promise<void> {
  const expired = await releaseOffer(input.conversationId, input.offeredToId, "OFFER_TIMED_OUT", null);
  if (!expired) return;
  publishAgentEvent("offer:withdrawn", { userId: input.offeredToId, conversationId: input.conversationId, reason: "timed-out" });
  await placeInQueue(input.conversationId);
}

async function releaseOffer(conversationId: string, offeredToId: string, type: ConversationEventType, actorId: string | null): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversationId, status: "OFFERED", offeredToId },
      data: { status: "WAITING", offeredToId: null, offerExpiresAt: null },
    });
    if (count === 1) await tx.conversationEvent.create({ data: { conversationId, type, actorId, targetUserId: offeredToId } });
    return count === 1;
  });
}
