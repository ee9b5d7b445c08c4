/**
 * A plain-text reply in one statement, the common case: stored only when the conversation is the agent's own
 * active one and its channel takes free text now (web chat; SMS to a customer who has not opted out; WhatsApp
 * to one who has not, inside the 24-hour window), which is what the full send path's channel rules would let
 * through. Null when nothing was stored, for that path to explain why (or to answer a resend whose rules no
 * longer hold). Reading the conversation first took one more round trip per reply (bench/HISTORY.md).
 *
 * Replies that arrive while a statement is in flight are stored together by the next one (group commit, as
 * picks are): under a burst of sends, each round trip and commit carries many replies instead of one. Two
 * replies to one conversation never share a statement, since each takes the conversation's next number. A
 * statement that fails stores nothing, so its replies are then stored one by one, each as if it came alone
 * (a resend is answered with the message stored the first time).
 */
import { randomUUID } from "node:crypto";
import { Prisma } from "../generated/prisma/client";
import { queryRows } from "../db";
import { inFlightBatches } from "../batching";
import type { Principal } from "../auth/principal";
import { insertedColumns, storeMessage, toStoredMessage, type InsertedMessage, type StoredMessage } from "./append-message";

export interface ReplyToStore {
  principal: Principal;
  conversationId: string;
  clientMessageId: string;
  body: string;
}

export const storeReply: (reply: ReplyToStore) => Promise<StoredMessage | null> = inFlightBatches(
  async (replies: ReplyToStore[]) => (replies.length === 1 ? [await storeOne(replies[0]!)] : storeTogether(replies)),
  { keyOf: (reply) => reply.conversationId },
);

const now = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** Conversation `c`, whose contact is `k`, takes free text now. */
const takesFreeText = Prisma.sql`(c.channel = 'WEBCHAT' OR (k."optedOutAt" IS NULL AND (c.channel = 'SMS' OR (c.channel = 'WHATSAPP' AND c."windowExpiresAt" > ${now}))))`;

/** Web chat reaches the customer's page directly; other channels wait in the outbox for their worker. */
const replyStatus = Prisma.sql`(CASE WHEN channel = 'WEBCHAT' THEN 'SENT' ELSE 'QUEUED' END)::"MessageStatus"`;

function storeOne({ principal, conversationId, clientMessageId, body }: ReplyToStore): Promise<StoredMessage | null> {
  return storeMessage(
    { conversationId, direction: "OUTBOUND", body, authorUserId: principal.userId, clientMessageId },
    {
      conversation: Prisma.sql`
        UPDATE "Conversation" AS c SET "lastSeq" = c."lastSeq" + 1, "lastMessageAt" = ${now}
        FROM "Contact" AS k
        WHERE c.id = ${conversationId} AND c."companyId" = ${principal.companyId} AND c.status = 'ACTIVE' AND c."assigneeId" = ${principal.userId}
          AND k.id = c."contactId" AND ${takesFreeText}
        RETURNING c."lastSeq", c."lastMessageAt", c."contactId", c.channel::text AS channel`,
      status: replyStatus,
    },
  );
}

/** Replies to different conversations in one statement; each answered as storeOne would. */
async function storeTogether(replies: ReplyToStore[]): Promise<Array<StoredMessage | null>> {
  const ids = replies.map(() => randomUUID());
  const conversationIds = replies.map((reply) => reply.conversationId);
  try {
    const rows = await queryRows<InsertedMessage>(Prisma.sql`
      WITH reply AS (
        SELECT * FROM unnest(${ids}::text[], ${conversationIds}::text[], ${replies.map((reply) => reply.principal.companyId)}::text[],
                             ${replies.map((reply) => reply.principal.userId)}::text[], ${replies.map((reply) => reply.body)}::text[],
                             ${replies.map((reply) => reply.clientMessageId)}::text[])
          AS reply(id, "conversationId", "companyId", "authorUserId", body, "clientMessageId")
      ), locked AS (
        -- Every statement locks its conversations in the same order, so two never wait on each other crosswise.
        SELECT c.id FROM "Conversation" AS c WHERE c.id = ANY(${conversationIds}::text[]) ORDER BY c.id FOR UPDATE
      ), conversation AS (
        UPDATE "Conversation" AS c SET "lastSeq" = c."lastSeq" + 1, "lastMessageAt" = ${now}
        FROM locked, reply, "Contact" AS k
        WHERE c.id = locked.id AND reply."conversationId" = c.id AND c."companyId" = reply."companyId" AND c.status = 'ACTIVE'
          AND c."assigneeId" = reply."authorUserId" AND k.id = c."contactId" AND ${takesFreeText}
        RETURNING c.id, c."lastSeq", c."lastMessageAt", c."contactId", c.channel::text AS channel
      ), inserted AS (
        INSERT INTO "Message" (id, "conversationId", seq, direction, "authorUserId", body, "clientMessageId", status, "createdAt", "updatedAt")
        SELECT reply.id, reply."conversationId", "lastSeq", 'OUTBOUND', reply."authorUserId", reply.body, reply."clientMessageId", ${replyStatus},
          "lastMessageAt", "lastMessageAt"
        FROM conversation JOIN reply ON reply."conversationId" = conversation.id
        RETURNING ${insertedColumns}
      )
      SELECT inserted.*, u.name AS "authorName", conversation."contactId", conversation.channel
      FROM inserted JOIN conversation ON conversation.id = inserted."conversationId" LEFT JOIN "User" AS u ON u.id = inserted."authorUserId"`);
    const stored = new Map(rows.map((row) => [row.id, toStoredMessage(row)]));
    return ids.map((id) => stored.get(id) ?? null);
  } catch {
    // Nothing was stored: a resend among them met the unique index, or the statement lost a deadlock. Each alone
    // says which (a resend gets its earlier message), and a database that is down fails each with its own error.
    return Promise.all(replies.map(storeOne));
  }
}
