/** Unread = inbound messages after the user's last read sequence number, per conversation. */
import { db } from "../db";

export async function unreadCounts(userId: string, conversationIds: string[]): Promise<Map<string, number>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ id: string; unread: number }>>`
    SELECT m."conversationId" AS id, count(*)::int AS unread
    FROM "Message" m
    LEFT JOIN "ConversationReadState" r ON r."conversationId" = m."conversationId" AND r."userId" = ${userId}
    WHERE m."conversationId" = ANY(${conversationIds}::text[])
      AND m.direction = 'INBOUND'
      AND m.seq > COALESCE(r."lastReadSeq", 0)
    GROUP BY m."conversationId"`;
  return new Map(rows.map((row) => [row.id, row.unread]));
}
