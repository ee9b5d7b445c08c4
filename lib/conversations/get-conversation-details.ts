/** Everything the conversation view's action menu shows, read-only. */
import { db } from "../db";
import type { Principal } from "../auth/principal";
import { findVisibleConversation } from "./access";
import { summarySelect, toSummaryDto, type ConversationSummaryDto } from "./dto";
import { unreadCounts } from "./unread";

export interface ConversationDetails {
  conversation: ConversationSummaryDto;
  destination: { channel: string; address: string; label: string };
  pickedBy: { id: string; name: string } | null;
  previous: ConversationSummaryDto[];
  events: Array<{ id: string; type: string; actorName: string | null; targetName: string | null; note: string | null; createdAt: string }>;
}

export async function getConversationDetails(options: { principal: Principal; conversationId: string }): Promise<ConversationDetails> {
  const { principal, conversationId } = options;
  const row = await findVisibleConversation(principal, conversationId, {
    ...summarySelect,
    contactId: true,
    channelAddress: { select: { channel: true, address: true, label: true } },
    assignee: { select: { id: true, name: true } },
    events: {
      orderBy: { createdAt: "asc" },
      select: { id: true, type: true, note: true, createdAt: true, actor: { select: { name: true } }, targetUser: { select: { name: true } }, targetQueue: { select: { name: true } } },
    },
  });
  const previousRows = await db.conversation.findMany({
    where: { companyId: principal.companyId, contactId: row.contactId, id: { not: conversationId }, arrivedAt: { lt: row.arrivedAt } },
    orderBy: { arrivedAt: "desc" },
    take: 20,
    select: summarySelect,
  });
  const unread = (await unreadCounts(principal.userId, [conversationId])).get(conversationId) ?? 0;
  return {
    conversation: toSummaryDto(row, unread),
    destination: row.channelAddress,
    pickedBy: row.assignee,
    previous: previousRows.map((r) => toSummaryDto(r)),
    events: row.events.map((event) => ({
      id: event.id,
      type: event.type,
      actorName: event.actor?.name ?? null,
      targetName: event.targetUser?.name ?? (event.targetQueue ? `queue ${event.targetQueue.name}` : null),
      note: event.note,
      createdAt: event.createdAt.toISOString(),
    })),
  };
}
