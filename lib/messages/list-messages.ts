/**
 * Pages of a conversation's messages by sequence number: `afterSeq` fills a
 * gap after a reconnect (ascending), `beforeSeq` loads older history
 * (returned ascending too), neither gives the latest page.
 */
import { z } from "zod";
import { db } from "../db";
import type { Principal } from "../auth/principal";
import { findVisibleConversation } from "../conversations/access";
import { messageSelect, toMessageDto, type MessageDto } from "../conversations/dto";

export const listMessagesQuerySchema = z.object({
  afterSeq: z.coerce.number().int().min(0).optional(),
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListMessagesQuery = z.infer<typeof listMessagesQuerySchema>;

export interface MessagePage {
  messages: MessageDto[];
  lastSeq: number;
  /** True when older messages exist before the first one returned. */
  hasOlder: boolean;
}

export async function listMessages(options: { principal: Principal; conversationId: string; query: ListMessagesQuery }): Promise<MessagePage> {
  const { conversationId } = options;
  const conversation = await findVisibleConversation(options.principal, conversationId, { lastSeq: true });
  return readMessagePage(conversationId, conversation.lastSeq, options.query);
}

export async function readMessagePage(conversationId: string, lastSeq: number, query: ListMessagesQuery): Promise<MessagePage> {
  const { afterSeq, beforeSeq, limit } = query;
  let rows;
  if (afterSeq !== undefined) {
    rows = await db.message.findMany({ where: { conversationId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: limit, select: messageSelect });
  } else {
    rows = await db.message.findMany({
      where: { conversationId, ...(beforeSeq !== undefined ? { seq: { lt: beforeSeq } } : {}) },
      orderBy: { seq: "desc" },
      take: limit,
      select: messageSelect,
    });
    rows.reverse();
  }
  const first = rows[0];
  return { messages: rows.map(toMessageDto), lastSeq, hasOlder: first ? first.seq > 1 : false };
}
