import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { findVisibleConversation } from "./access";

const assignedSelect = {
  id: true,
  status: true,
  assigneeId: true,
  queueId: true,
  companyId: true,
  contactId: true,
  channel: true,
  windowExpiresAt: true,
  contact: { select: { name: true, optedOutAt: true } },
} as const satisfies Prisma.ConversationSelect;

/**
 * Transfer, end and agent replies are only for the agent who has the conversation picked.
 * `also` reads more of the conversation in the same query (e.g. an earlier send of the same message).
 */
export async function requireAssignedToMe<S extends Prisma.ConversationSelect = Record<never, never>>(principal: Principal, conversationId: string, also?: S) {
  const conversation = await findVisibleConversation(principal, conversationId, { ...assignedSelect, ...also } as typeof assignedSelect & S);
  // TypeScript cannot see the base fields through the generic select; they are always selected.
  const { status, assigneeId } = conversation as unknown as { status: string; assigneeId: string | null };
  if (status === "ENDED") throw new AppError("CONFLICT", "This conversation has ended. It is read-only now.");
  if (status !== "ACTIVE" || assigneeId !== principal.userId) {
    throw new AppError("CONFLICT", "Only the agent who picked this conversation can do that. Pick it first.");
  }
  return conversation;
}
