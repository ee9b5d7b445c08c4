/**
 * Routing of inbound contact: a customer's message continues their open
 * conversation at that address, or starts a new one in the queue that owns
 * the address. A transaction-scoped advisory lock per (contact, address)
 * keeps two simultaneous first messages from opening two conversations.
 */
import { AppError } from "../errors";
import type { Tx } from "../db";

export interface OpenedConversation {
  id: string;
  created: boolean;
  status: string;
  assigneeId: string | null;
  queueId: string;
  companyId: string;
  channel: "WEBCHAT" | "SMS" | "WHATSAPP";
}

export async function openConversation(tx: Tx, options: { contactId: string; channelAddressId: string; preview: string }): Promise<OpenedConversation> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${options.contactId}:${options.channelAddressId}`}))`;
  const select = { id: true, status: true, assigneeId: true, queueId: true, companyId: true, channel: true } as const;
  const open = await tx.conversation.findFirst({
    where: { contactId: options.contactId, channelAddressId: options.channelAddressId, status: { not: "ENDED" } },
    orderBy: { arrivedAt: "desc" },
    select,
  });
  if (open) return { ...open, created: false };

  const address = await tx.channelAddress.findUniqueOrThrow({ where: { id: options.channelAddressId }, select: { companyId: true, queueId: true, channel: true } });
  if (!address.queueId) throw new AppError("UNAVAILABLE", "This address is not connected to a queue yet. Please try again later.");
  const created = await tx.conversation.create({
    data: {
      companyId: address.companyId,
      queueId: address.queueId,
      channelAddressId: options.channelAddressId,
      contactId: options.contactId,
      channel: address.channel,
      preview: options.preview.slice(0, 140),
      events: { create: { type: "CREATED" } },
    },
    select,
  });
  return { ...created, created: true };
}
