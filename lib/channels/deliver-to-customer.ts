/**
 * Hands a customer-visible message to the customer's channel. Web chat is
 * delivered live over the customer socket; SMS and WhatsApp go through the
 * outbound worker (lib/channels/<channel>).
 */
import type { Channel } from "../generated/prisma/enums";
import { publishCustomerEvent } from "../realtime/bus";
import { toCustomerMessage, type MessageDto } from "../conversations/dto";

export interface CustomerTarget {
  /** The conversation id. */
  id: string;
  contactId: string;
  channel: Channel;
}

export async function deliverToCustomer(target: CustomerTarget, message: MessageDto, change: "created" | "updated" = "created"): Promise<void> {
  // Every channel's customer may also be watching a web page (web chat); only customer-safe fields are sent.
  publishCustomerEvent(change === "created" ? "message:created" : "message:updated", target.contactId, {
    conversationId: target.id,
    message: toCustomerMessage(message),
  });
}
