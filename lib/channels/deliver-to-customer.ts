/**
 * Hands a customer-visible message to the customer's channel. Web chat is
 * delivered live over the customer socket; SMS and WhatsApp are queued for
 * the outbound worker (job id = message id, so it is queued at most once).
 */
import type { Channel } from "../generated/prisma/enums";
import { publishCustomerEvent } from "../realtime/bus";
import { enqueue } from "../queue/jobs";
import { toCustomerMessage, type MessageDto } from "../conversations/dto";
import { webchatEntryOf } from "../webchat/webchat-entry-of";

export interface CustomerTarget {
  /** The conversation id. */
  id: string;
  contactId: string;
  channel: Channel;
}

export async function deliverToCustomer(target: CustomerTarget, message: MessageDto, change: "created" | "updated" = "created"): Promise<void> {
  // Queued before anything is published: the provider call is what the customer waits for, and each publish
  // (encoding, the Redis adapter, socket writes) would otherwise run ahead of it.
  if (change === "created" && target.channel !== "WEBCHAT" && message.status === "QUEUED") {
    await enqueue("outboundSend", { messageId: message.id }, { jobId: message.id });
  }
  // Only customer-safe fields go to the customer's page.
  publishCustomerEvent(change === "created" ? "message:created" : "message:updated", target, {
    conversationId: target.id,
    message: toCustomerMessage(message, message.attachments.length ? await webchatEntryOf(target.id) : null),
  });
}
