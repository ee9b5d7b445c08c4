import { db } from "../db";
import type { Principal } from "../auth/principal";
import { summarySelect, toSummaryDto, type ConversationSummaryDto } from "./dto";
import { unreadCounts } from "./unread";
import { sortConversations, type ConversationSort } from "./sort-conversations";

export { conversationSortSchema, sortConversations, type ConversationSort } from "./sort-conversations";

/** The user's active conversations with unread counts, sorted as asked. */
export async function listActiveConversations(options: { principal: Principal; sort?: ConversationSort }): Promise<ConversationSummaryDto[]> {
  const { principal } = options;
  const rows = await db.conversation.findMany({
    where: { companyId: principal.companyId, status: "ACTIVE", assigneeId: principal.userId },
    select: summarySelect,
    take: 500,
  });
  const unread = await unreadCounts(principal.userId, rows.map((row) => row.id));
  const list = rows.map((row) => toSummaryDto(row, unread.get(row.id) ?? 0));
  return sortConversations(list, options.sort ?? "lastMessage");
}
