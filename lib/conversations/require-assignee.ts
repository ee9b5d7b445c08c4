import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { findVisibleConversation } from "./access";

/** Transfer, end and agent replies are only for the agent who has the conversation picked. */
export async function requireAssignedToMe(principal: Principal, conversationId: string) {
  const conversation = await findVisibleConversation(principal, conversationId, {
    id: true,
    status: true,
    assigneeId: true,
    queueId: true,
    companyId: true,
    contactId: true,
    channel: true,
    windowExpiresAt: true,
    contact: { select: { name: true, optedOutAt: true } },
  });
  if (conversation.status === "ENDED") throw new AppError("CONFLICT", "This conversation has ended. It is read-only now.");
  if (conversation.status !== "ACTIVE" || conversation.assigneeId !== principal.userId) {
    throw new AppError("CONFLICT", "Only the agent who picked this conversation can do that. Pick it first.");
  }
  return conversation;
}
