import { db } from "../db";
import { summarySelect, toSummaryDto, type ConversationSummaryDto } from "./dto";
import { unreadCounts } from "./unread";

/** Re-reads a conversation after a commit, as the given user would see it in their list. */
export async function loadSummary(conversationId: string, forUserId?: string | null): Promise<ConversationSummaryDto> {
  const row = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: summarySelect });
  const unread = forUserId ? (await unreadCounts(forUserId, [conversationId])).get(conversationId) ?? 0 : 0;
  return toSummaryDto(row, unread);
}
