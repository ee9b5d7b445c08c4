/**
 * Stores a message with the conversation's next sequence number. Incrementing
 * Conversation.lastSeq and inserting the message are one statement: it locks
 * the conversation row, so numbers are gapless and in commit order, and a
 * failed insert (a duplicate) takes the increment back with it. One round trip
 * on the path every message takes. A repeated clientMessageId returns the
 * message stored the first time instead of a second copy.
 */
import { randomUUID } from "node:crypto";
import type { Channel, MessageDirection, MessageStatus } from "../generated/prisma/enums";
import { Prisma } from "../generated/prisma/client";
import { db, queryRows, type Tx } from "../db";
import { AppError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import { messageSelect, toMessageDto, type MessageDto, type MessageRow } from "../conversations/dto";

export interface AppendMessageInput {
  conversationId: string;
  direction: MessageDirection;
  body: string;
  status: MessageStatus;
  authorUserId?: string | null;
  clientMessageId?: string | null;
  provider?: string | null;
  providerMessageId?: string | null;
  templateName?: string | null;
  /** The caller already looked for this clientMessageId (a race is still caught by the unique index). */
  duplicateChecked?: boolean;
  /** WhatsApp: the customer wrote, so free-form replies are allowed for this long. */
  customerWindowMs?: number;
  /** Store only while the conversation is not ended (else ConversationEnded is thrown and nothing is stored). */
  unlessEnded?: boolean;
}

export interface AppendedMessage {
  message: MessageDto;
  /** False when the clientMessageId was seen before and the earlier message is returned. */
  created: boolean;
}

/** The conversation ended before the message could be stored (see unlessEnded). */
export class ConversationEnded extends Error {
  constructor() {
    super("The conversation has ended.");
    this.name = "ConversationEnded";
  }
}

/** The inserted row with its author's name (a new message has no files yet). */
export type InsertedMessage = Omit<MessageRow, "author" | "attachments"> & { authorUserId: string | null; authorName: string | null; contactId: string; channel: Channel };

/** The columns storeMessage's statement returns for the inserted message (InsertedMessage but the author's name). */
export const insertedColumns = Prisma.sql`id, "conversationId", seq, direction::text AS direction, body, status::text AS status, "clientMessageId", "failureCode", "failureReason", "createdAt", "authorUserId"`;

export function toStoredMessage(row: InsertedMessage): StoredMessage {
  const { contactId, channel, ...message } = row;
  return { message: toMessageDto({ ...message, author: row.authorName === null ? null : { name: row.authorName }, attachments: [] }), created: true, conversation: { contactId, channel } };
}

async function findByClientId(tx: Tx | typeof db, conversationId: string, clientMessageId: string) {
  const existing = await tx.message.findUnique({ where: { conversationId_clientMessageId: { conversationId, clientMessageId } }, select: messageSelect });
  return existing ? toMessageDto(existing) : null;
}

async function findByProviderId(input: Pick<AppendMessageInput, "provider" | "providerMessageId">) {
  if (!input.provider || !input.providerMessageId) return null;
  const existing = await db.message.findUnique({ where: { provider_providerMessageId: { provider: input.provider, providerMessageId: input.providerMessageId } }, select: messageSelect });
  return existing ? toMessageDto(existing) : null;
}

export async function appendMessage(input: AppendMessageInput, tx?: Tx): Promise<AppendedMessage> {
  // A resend (same clientMessageId) or a provider's repeated webhook (same provider id) is answered with the
  // message stored the first time. Outside a transaction the unique indexes tell (storeMessage): the failed statement
  // takes its sequence number back with it, and the usual case saves a round trip. Inside one, a failed
  // statement would abort the whole transaction, so the message is looked for first.
  if (tx && input.clientMessageId && !input.duplicateChecked) {
    const earlier = await findByClientId(tx, input.conversationId, input.clientMessageId);
    if (earlier) return { message: earlier, created: false };
  }
  if (tx && input.provider && input.providerMessageId) {
    const earlier = await tx.message.findUnique({ where: { provider_providerMessageId: { provider: input.provider, providerMessageId: input.providerMessageId } }, select: messageSelect });
    if (earlier) return { message: toMessageDto(earlier), created: false };
  }
  const window = input.customerWindowMs ? Prisma.sql`, "windowExpiresAt" = (now() AT TIME ZONE 'UTC') + ${input.customerWindowMs} * interval '1 millisecond'` : Prisma.empty;
  const conversation = Prisma.sql`
    UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1, "lastMessageAt" = (now() AT TIME ZONE 'UTC')${window}
    WHERE id = ${input.conversationId}${input.unlessEnded ? Prisma.sql` AND status <> 'ENDED'` : Prisma.empty}
    RETURNING "lastSeq", "lastMessageAt", "contactId", channel::text AS channel`;
  const stored = await storeMessage(input, { conversation, status: Prisma.sql`${input.status}::"MessageStatus"` }, tx);
  if (stored === null) throw input.unlessEnded ? new ConversationEnded() : new AppError("NOT_FOUND", "That conversation does not exist.");
  return { message: stored.message, created: stored.created };
}

/** How storeMessage takes the conversation's next number, and the new message's status. */
export interface StoreStep {
  /**
   * An `UPDATE "Conversation" … RETURNING "lastSeq", "lastMessageAt", "contactId", channel::text AS channel` that
   * increments lastSeq; it returns no row when the message may not be stored.
   */
  conversation: Prisma.Sql;
  /** A MessageStatus expression; it can read the conversation step's columns. */
  status: Prisma.Sql;
}

export interface StoredMessage extends AppendedMessage {
  /** The conversation's customer and channel (for a message found as stored earlier: null). */
  conversation: { contactId: string; channel: Channel } | null;
}

/**
 * The one statement that numbers and stores a message. Null when the conversation step returned no row. A
 * repeated clientMessageId or provider id is answered with the earlier message (outside a transaction).
 */
export async function storeMessage(input: Omit<AppendMessageInput, "status">, step: StoreStep, tx?: Tx): Promise<StoredMessage | null> {
  const statement = Prisma.sql`
    WITH conversation AS (${step.conversation}
    ), inserted AS (
      INSERT INTO "Message" (id, "conversationId", seq, direction, "authorUserId", body, "clientMessageId", status, provider, "providerMessageId", "templateName", "createdAt", "updatedAt")
      SELECT ${randomUUID()}, ${input.conversationId}, "lastSeq", ${input.direction}::"MessageDirection", ${input.authorUserId ?? null}, ${input.body},
        ${input.clientMessageId ?? null}, ${step.status}, ${input.provider ?? null}, ${input.providerMessageId ?? null}, ${input.templateName ?? null}, "lastMessageAt", "lastMessageAt"
      FROM conversation
      RETURNING ${insertedColumns}
    )
    SELECT inserted.*, u.name AS "authorName", conversation."contactId", conversation.channel
    FROM inserted CROSS JOIN conversation LEFT JOIN "User" u ON u.id = inserted."authorUserId"`;
  try {
    const [row] = tx ? await tx.$queryRaw<InsertedMessage[]>(statement) : await queryRows<InsertedMessage>(statement);
    return row ? toStoredMessage(row) : null;
  } catch (error) {
    // A repeat of a clientMessageId or provider id stored before (or the loser of two that raced): the stored message.
    if (isUniqueViolation(error) && !tx) {
      const earlier = input.clientMessageId ? await findByClientId(db, input.conversationId, input.clientMessageId) : await findByProviderId(input);
      if (earlier) return { message: earlier, created: false, conversation: null };
    }
    throw error;
  }
}
