import { db } from "../db";

/** The web-chat entry slug of a conversation (customer file links go through it); null for SMS/WhatsApp. */
export async function webchatEntryOf(conversationId: string): Promise<string | null> {
  const row = await db.conversation.findUnique({ where: { id: conversationId }, select: { channel: true, channelAddress: { select: { address: true } } } });
  return row?.channel === "WEBCHAT" ? row.channelAddress.address : null;
}
