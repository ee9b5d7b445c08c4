/**
 * Stores a message with the conversation's next sequence number. Incrementing
 * Conversation.lastSeq and inserting the message are one statement: it locks
 * the conversation row, so numbers are gapless and in commit order, and a
 * failed insert (a duplicate) takes the increment back with it. One round trip
 * on the path every message takes. A repeated clientMessageId returns the
 * message stored the first time instead of a second copy.
 */
import { randomUUID } from "node:crypto";
import type { MessageDirection, MessageStatus } from "../generated/prisma/enums";
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
type InsertedMessage = Omit<MessageRow, "author" | "attachments"> & { authorUserId: string | null; authorName: string | null };

async function findByClientId(tx: Tx | typeof db, conversationId: string, clientMessageId: string) {
  const existing = await tx.message.findUnique({ where: { conversationId_clientMessageId: { conversationId, clientMessageId } }, select: messageSelect });
  return existing ? toMessageDto(existing) : null;
}

async function findByProviderId(input: AppendMessageInput) {
  if (!input.provider || !input.providerMessageId) return null;
  const existing = await db.message.findUnique({ where: { provider_providerMessageId: { provider: input.provider, providerMessageId: input.providerMessageId } }, select: messageSelect });
  return existing ? toMessageDto(existing) : null;
}

export async function appendMessage(input: AppendMessageInput, tx?: Tx): Promise<AppendedMessage> {
  // A resend (same clientMessageId) or a provider's repeated webhook (same provider id) is answered with the
  // message stored the first time. Outside a transaction the unique indexes tell (below): the failed statement
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
  const write = async (client: Tx | typeof db): Promise<MessageDto> => {
    const window = input.customerWindowMs ? Prisma.sql`, "windowExpiresAt" = (now() AT TIME ZONE 'UTC') + ${input.customerWindowMs} * interval '1 millisecond'` : Prisma.empty;
    const statement = Prisma.sql`
      WITH conversation AS (
        UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1, "lastMessageAt" = (now() AT TIME ZONE 'UTC')${window}
        WHERE id = ${input.conversationId}${input.unlessEnded ? Prisma.sql` AND status <> 'ENDED'` : Prisma.empty}
        RETURNING "lastSeq", "lastMessageAt"
      ), inserted AS (
        INSERT INTO "Message" (id, "conversationId", seq, direction, "authorUserId", body, "clientMessageId", status, provider, "providerMessageId", "templateName", "createdAt", "updatedAt")
        SELECT ${randomUUID()}, ${input.conversationId}, "lastSeq", ${input.direction}::"MessageDirection", ${input.authorUserId ?? null}, ${input.body},
          ${input.clientMessageId ?? null}, ${input.status}::"MessageStatus", ${input.provider ?? null}, ${input.providerMessageId ?? null}, ${input.templateName ?? null}, "lastMessageAt", "lastMessageAt"
        FROM conversation
        RETURNING id, "conversationId", seq, direction::text AS direction, body, status::text AS status, "clientMessageId", "failureCode", "failureReason", "createdAt", "authorUserId"
      )
      SELECT inserted.*, u.name AS "authorName" FROM inserted LEFT JOIN "User" u ON u.id = inserted."authorUserId"`;
    const [row] = client === db ? await queryRows<InsertedMessage>(statement) : await client.$queryRaw<InsertedMessage[]>(statement);
    if (!row) throw input.unlessEnded ? new ConversationEnded() : new AppError("NOT_FOUND", "That conversation does not exist.");
    return toMessageDto({ ...row, author: row.authorName === null ? null : { name: row.authorName }, attachments: [] });
  };
  try {
    return { message: await write(tx ?? db), created: true };
  } catch (error) {
    // A repeat of a clientMessageId or provider id stored before (or the loser of two that raced): the stored message.
    if (isUniqueViolation(error) && !tx) {
      const earlier = input.clientMessageId ? await findByClientId(db, input.conversationId, input.clientMessageId) : await findByProviderId(input);
      if (earlier) return { message: earlier, created: false };
    }
    throw error;
  }
}
