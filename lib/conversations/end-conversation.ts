/**
 * End chat: only the assigned agent, after confirming in the UI. The customer
 * gets a closing message on their channel; the conversation moves to History;
 * the customer's next message starts a new conversation.
 */
import { db } from "../db";
import type { Principal } from "../auth/principal";
import { publishAgentEvent, publishCustomerEvent, publishQueueChanged } from "../realtime/bus";
import { appendMessage } from "../messages/append-message";
import { deliverToCustomer } from "../channels/deliver-to-customer";
import { AppError } from "../errors";
import { requireAssignedToMe } from "./require-assignee";

export async function endConversation(options: { principal: Principal; conversationId: string }): Promise<{ endedAt: string }> {
  const { principal, conversationId } = options;
  const conversation = await requireAssignedToMe(principal, conversationId);
  const company = await db.company.findUniqueOrThrow({ where: { id: principal.companyId }, select: { name: true } });
  const now = new Date();

  const closing = await db.$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversationId, status: "ACTIVE", assigneeId: principal.userId },
      data: { status: "ENDED", endedAt: now },
    });
    if (count === 0) throw new AppError("CONFLICT", "This conversation changed while you were ending it. Reload and try again.");
    await tx.conversationEvent.create({ data: { conversationId, type: "ENDED", actorId: principal.userId, createdAt: now } });
    const { message } = await appendMessage(
      { conversationId, direction: "SYSTEM", status: "SENT", body: `This chat has ended. Thank you for contacting ${company.name}.` },
      tx,
    );
    return message;
  });

  const endedAt = now.toISOString();
  publishAgentEvent("message:created", { assigneeId: principal.userId, message: closing });
  publishAgentEvent("conversation:ended", { conversationId, assigneeId: principal.userId, endedAt });
  publishAgentEvent("conversation:unassigned", { userId: principal.userId, conversationId, reason: "ended" });
  publishQueueChanged(principal.companyId, conversation.queueId);
  await deliverToCustomer(conversation, closing);
  publishCustomerEvent("conversation:ended", conversation, { conversationId });
  return { endedAt };
}
