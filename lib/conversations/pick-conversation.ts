/**
 * Pick: the first agent to claim a waiting conversation gets it. The claim is
 * one conditional UPDATE (status must still be WAITING), so when many agents
 * pick at once PostgreSQL lets exactly one through; the others are told who
 * won.
 */
import { db } from "../db";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { publishAgentEvent } from "../realtime/bus";
import { findVisibleConversation } from "./access";
import { loadSummary } from "./load-summary";
import type { ConversationSummaryDto } from "./dto";

export async function pickConversation(options: { principal: Principal; conversationId: string }): Promise<ConversationSummaryDto> {
  const { principal, conversationId } = options;
  const conversation = await findVisibleConversation(principal, conversationId, {
    id: true,
    queueId: true,
    status: true,
    queue: { select: { members: { where: { userId: principal.userId }, select: { userId: true } } } },
  });
  if (conversation.queue.members.length === 0) {
    throw new AppError("FORBIDDEN", "You can only pick conversations of queues you belong to.");
  }

  const now = new Date();
  const claimed = await db.$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversationId, status: "WAITING" },
      data: { status: "ACTIVE", assigneeId: principal.userId, pickedAt: now, offeredToId: null, offerExpiresAt: null },
    });
    if (count === 1) await tx.conversationEvent.create({ data: { conversationId, type: "PICKED", actorId: principal.userId, createdAt: now } });
    return count === 1;
  });

  if (!claimed) throw await alreadyTaken(conversationId, principal.userId);

  const summary = await loadSummary(conversationId, principal.userId);
  publishAgentEvent("picklist:removed", { companyId: principal.companyId, queueId: conversation.queueId, conversationId, reason: "picked", byName: principal.name });
  publishAgentEvent("conversation:assigned", { userId: principal.userId, conversation: summary });
  publishAgentEvent("queue:changed", { companyId: principal.companyId, queueId: conversation.queueId });
  return summary;
}

async function alreadyTaken(conversationId: string, userId: string): Promise<AppError> {
  const current = await db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { status: true, assigneeId: true, assignee: { select: { name: true } } },
  });
  if (current.assigneeId === userId && current.status === "ACTIVE") return new AppError("CONFLICT", "You have already picked this conversation.");
  if (current.status === "ENDED") return new AppError("CONFLICT", "This conversation has already ended.");
  if (current.status === "OFFERED") return new AppError("CONFLICT", "This conversation is being offered to another agent.");
  return new AppError("CONFLICT", `Already picked by ${current.assignee?.name ?? "another agent"}.`);
}
