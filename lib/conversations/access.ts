/**
 * Who may see a conversation: someone of the same company who is a member of
 * its queue, its assignee, someone who handled it before, or a supervisor or
 * admin. Anything else is "not found" (never "forbidden"), so ids of other
 * queues and companies reveal nothing.
 */
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { notFound } from "../errors";
import { hasRole, type Principal } from "../auth/principal";

export function visibleConversationWhere(principal: Principal): Prisma.ConversationWhereInput {
  if (hasRole(principal, "SUPERVISOR")) return { companyId: principal.companyId };
  return {
    companyId: principal.companyId,
    OR: [
      { assigneeId: principal.userId },
      { queue: { members: { some: { userId: principal.userId } } } },
      { events: { some: { actorId: principal.userId, type: { in: ["PICKED", "ACCEPTED", "TRANSFERRED", "ENDED"] } } } },
    ],
  };
}

/** The conversation if the principal may see it; otherwise a NOT_FOUND AppError. */
export async function findVisibleConversation<S extends Prisma.ConversationSelect>(principal: Principal, conversationId: string, select: S) {
  const conversation = await db.conversation.findFirst({
    where: { AND: [{ id: conversationId }, visibleConversationWhere(principal)] },
    select,
  });
  if (!conversation) throw notFound("That conversation does not exist or is not visible to you.");
  return conversation;
}

export const CONVERSATION_NOT_FOUND = "That conversation does not exist or is not visible to you.";
