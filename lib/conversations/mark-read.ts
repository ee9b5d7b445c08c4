/** Marks a conversation read up to a sequence number for the user; all their clients update their badge. */
import { db } from "../db";
import type { Principal } from "../auth/principal";
import { publishAgentEvent } from "../realtime/bus";
import { findVisibleConversation } from "./access";

export async function markRead(options: { principal: Principal; conversationId: string; upToSeq: number }): Promise<{ lastReadSeq: number }> {
  const { principal, conversationId } = options;
  const conversation = await findVisibleConversation(principal, conversationId, { lastSeq: true });
  const upTo = Math.min(options.upToSeq, conversation.lastSeq);
  // Never move backwards: a late request from a stale client must not resurrect unread messages.
  const rows = await db.$queryRaw<Array<{ lastReadSeq: number }>>`
    INSERT INTO "ConversationReadState" ("conversationId", "userId", "lastReadSeq", "updatedAt")
    VALUES (${conversationId}, ${principal.userId}, ${upTo}, now())
    ON CONFLICT ("conversationId", "userId")
    DO UPDATE SET "lastReadSeq" = GREATEST("ConversationReadState"."lastReadSeq", EXCLUDED."lastReadSeq"), "updatedAt" = now()
    RETURNING "lastReadSeq"`;
  const lastReadSeq = rows[0]?.lastReadSeq ?? upTo;
  publishAgentEvent("conversation:read", { userId: principal.userId, conversationId, lastReadSeq });
  return { lastReadSeq };
}
