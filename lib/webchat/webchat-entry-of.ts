import { db } from "../db";

/** The web-chat entry slug of a conversation (customer file links go through it); null for SMS/WhatsApp. */
export async function webchatEntryOf(conversationId: string): Promise<string | null> {
  const row = await db.conversation.findUnique({ where: { id: conversationId }, select: { channel: true, channelAddress: { select: { address: true } } } });
  return row?.channel === "WEBCHAT" ? row.channelAddress.address : null;
}

/** The entry slug only when the message carries files (only file links need it): saves a query per message. */
export async function webchatEntryFor(conversationId: string, message: { attachments: unknown[] }): Promise<string | null> {
  return message.attachments.length ? webchatEntryOf(conversationId) : null;
}
