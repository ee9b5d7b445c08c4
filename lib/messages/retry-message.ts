/** The agent's retry action on a failed SMS/WhatsApp message: back to the outbox with a fresh idempotency key. */
import { db } from "../db";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { enqueue } from "../queue/jobs";
import { publishMessageUpdate } from "../channels/apply-provider-status";
import { requireAssignedToMe } from "../conversations/require-assignee";

export async function retryMessage(options: { principal: Principal; conversationId: string; messageId: string }): Promise<void> {
  const conversation = await requireAssignedToMe(options.principal, options.conversationId);
  if (conversation.channel === "WEBCHAT") throw new AppError("VALIDATION", "Web chat messages are delivered directly; there is nothing to retry.");
  const message = await db.message.findFirst({ where: { id: options.messageId, conversationId: conversation.id, direction: { not: "INBOUND" } }, select: { status: true, retryCount: true } });
  if (!message) throw new AppError("NOT_FOUND", "That message does not exist in this conversation.");
  const { count } = await db.message.updateMany({
    where: { id: options.messageId, status: "FAILED" },
    data: { status: "QUEUED", failureCode: null, failureReason: null, retryCount: { increment: 1 } },
  });
  if (count === 0) throw new AppError("CONFLICT", "Only a failed message can be retried.");
  await enqueue("outboundSend", { messageId: options.messageId }, { jobId: `${options.messageId}-retry-${message.retryCount + 1}` });
  await publishMessageUpdate(options.messageId);
}
