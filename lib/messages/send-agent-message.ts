/**
 * An agent's reply: stored once per clientMessageId with the next sequence
 * number, acknowledged with the stored message, then handed to the
 * customer's channel. A resend after a timeout returns the same message.
 */
import { z } from "zod";
import type { Principal } from "../auth/principal";
import { publishAgentEvent } from "../realtime/bus";
import { requireAssignedToMe } from "../conversations/require-assignee";
import { deliverToCustomer } from "../channels/deliver-to-customer";
import type { MessageDto } from "../conversations/dto";
import { appendMessage } from "./append-message";
import { MAX_MESSAGE_LENGTH } from "./limits";

export const sendMessageInputSchema = z.object({
  clientMessageId: z.string().trim().min(8, "clientMessageId must be a unique id of at least 8 characters (a UUID).").max(100),
  body: z
    .string()
    .max(MAX_MESSAGE_LENGTH, `A message can be at most ${MAX_MESSAGE_LENGTH} characters.`)
    .refine((body) => body.trim().length > 0, "Write a message before sending."),
});
export type SendMessageInput = z.infer<typeof sendMessageInputSchema>;

export async function sendAgentMessage(options: { principal: Principal; conversationId: string; input: SendMessageInput }): Promise<MessageDto> {
  const { principal, conversationId, input } = options;
  const conversation = await requireAssignedToMe(principal, conversationId);
  const { message, created } = await appendMessage({
    conversationId,
    direction: "OUTBOUND",
    body: input.body,
    // Web chat reaches the customer's page directly; other channels start queued for their worker.
    status: conversation.channel === "WEBCHAT" ? "SENT" : "QUEUED",
    authorUserId: principal.userId,
    clientMessageId: input.clientMessageId,
  });
  if (!created) return message;
  publishAgentEvent("message:created", { assigneeId: principal.userId, message });
  await deliverToCustomer(conversation, message);
  return message;
}
